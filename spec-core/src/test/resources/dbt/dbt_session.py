"""Runs many dbt commands in one Python process, for the tests (DbtSession.java): one JSON request a line on
stdin, one JSON answer a line on stdout.

Why: every `dbt` command line is a new Python process that imports dbt again, and with dbt-spark's session method
a new Spark JVM (15 to 70 s on a loaded machine). dbt-spark's session cursor (dbt/adapters/spark/session.py,
Cursor.execute) takes `SparkSession.builder.enableHiveSupport().config(<server_side_parameters>).getOrCreate()`
for every statement and never stops the session, so in one process the first statement starts Spark and every
later command of every project reuses it.

Requests:
- {"args": [...], "dir": "<project dir>", "env": {...}}: `dbt <args>` through dbt's programmatic API (dbtRunner)
  with the project dir as the working directory (dbt-duckdb's relative database path is relative to it) and the
  variables of "env" set; answers {"exit": 0 | 1 | 2, "log": "<what dbt printed>"}, the exit codes of the `dbt`
  command line (1: a node failed, 2: dbt itself failed).
- {"reset_spark": true}: drops every database but `default` and every table in `default` of the running Spark
  session, if one runs, so that the next project starts on an empty metastore (tables of the same names from an
  earlier project would make an incremental model or an append-only history continue instead of starting);
  answers {"dropped": [...]}.
- {"start_spark_gateway": true}: starts Spark's JVM (not yet a session) now, from this process's working
  directory, so that the Hive metastore (Derby's metastore_db) and the warehouse (spark-warehouse), which Spark
  puts in the JVM's working directory, stay there; otherwise the JVM would start inside the first project's
  directory (the working directory during the command that first runs SQL) and lose its metastore when that
  project is deleted. dbt's session method then creates the session in this JVM, with the profile's settings.

Only answers go to the real stdout: Spark's JVM inherits this process's descriptors, so file descriptor 1 is pointed
at stderr and the answers are written to a private copy of the original (as spec_pipeline_spark_bridge.py does).
"""

import contextlib
import io
import json
import os
import sys
import traceback

_ANSWERS = os.fdopen(os.dup(1), "w", encoding="utf-8", newline="\n")
os.dup2(2, 1)
sys.stdout = sys.stderr

_HOME = os.getcwd()


def answer(payload):
    _ANSWERS.write(json.dumps(payload, ensure_ascii=True) + "\n")
    _ANSWERS.flush()


def run_dbt(request):
    from dbt.cli.main import dbtRunner

    for key, value in request.get("env", {}).items():
        os.environ[key] = value
    captured = io.StringIO()
    os.chdir(request["dir"])
    try:
        # dbt's stdout logger takes sys.stdout when each invocation sets it up, so this captures one command
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            result = dbtRunner().invoke(list(request["args"]))
    finally:
        os.chdir(_HOME)
        release_duckdb()
    log = captured.getvalue()
    if result.exception is not None:
        log += "".join(traceback.format_exception(result.exception))
        return {"exit": 2, "log": log}
    return {"exit": 0 if result.success else 1, "log": log}


def release_duckdb():
    """dbt-duckdb keeps its database open after an invocation (DuckDBConnectionManager._ENV, a class attribute,
    reused by the next invocation with equal credentials): the test then could not open the file (DuckDB's lock),
    and the next project, whose profile names the same relative path, would write into this project's file."""
    connections = sys.modules.get("dbt.adapters.duckdb.connections")
    if connections is None:
        return
    manager = connections.DuckDBConnectionManager
    with manager._LOCK:
        if manager._ENV is not None:
            manager._ENV.close()
            manager._ENV = None


def quoted(name):
    return "`" + name.replace("`", "``") + "`"


def reset_spark():
    from pyspark import SparkContext

    if SparkContext._active_spark_context is None:
        return {"dropped": []}
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    dropped = []
    for db in spark.catalog.listDatabases():
        if db.name != "default":
            spark.sql("DROP DATABASE IF EXISTS " + quoted(db.name) + " CASCADE")
            dropped.append(db.name)
    for table in spark.catalog.listTables("default"):
        if table.isTemporary:
            spark.catalog.dropTempView(table.name)
        else:
            spark.sql("DROP TABLE IF EXISTS default." + quoted(table.name))
        dropped.append("default." + table.name)
    return {"dropped": sorted(dropped)}


def start_spark_gateway():
    from pyspark import SparkContext

    # SparkContext's class method that launches the gateway JVM without creating a context (pyspark's own
    # SparkContext.__init__ and SparkConf call it the same way)
    SparkContext._ensure_initialized()
    return {"started": True}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            if request.get("reset_spark"):
                answer(reset_spark())
            elif request.get("start_spark_gateway"):
                answer(start_spark_gateway())
            else:
                answer(run_dbt(request))
        except BaseException as e:  # noqa: BLE001 - every failure is answered, the process stays usable
            answer({"exit": 2, "log": "".join(traceback.format_exception(e)), "error": True})


if __name__ == "__main__":
    main()
