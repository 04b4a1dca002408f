"""spec-pipeline's bridge to Spark: the test goal's Spark engine (SparkEngine.java) starts this script once per
run and speaks JSON lines with it, one request on stdin and one answer on stdout each.

Values cross the wire typed as text: every cell of a table to create is text (or null) cast by Spark to its column's
type, and every cell read back is Spark's text of the value (or null) with the column's Spark type beside it, so
that the Java side compares exact values (integers beyond 2^53, decimals, timestamps to the microsecond).

Only answers go to the real stdout: Spark's JVM inherits this process's descriptors, so file descriptor 1 is
pointed at stderr before pyspark is imported and the answers are written to a private copy of the original.
"""

import json
import os
import shutil
import socket
import sys
import tempfile
import traceback
from urllib.parse import urlparse

_ANSWERS = os.fdopen(os.dup(1), "w", encoding="utf-8", newline="\n")
os.dup2(2, 1)
sys.stdout = sys.stderr


def answer(payload):
    _ANSWERS.write(json.dumps(payload, ensure_ascii=True, allow_nan=False) + "\n")
    _ANSWERS.flush()


def failure(message):
    answer({"ok": False, "error": message})


try:
    import pyspark
except Exception as e:  # noqa: BLE001 - any import failure is the same set-up problem
    failure("pyspark cannot be imported by " + sys.executable + ": " + type(e).__name__ + ": " + str(e))
    sys.exit(0)

# the version first: the Java side refuses another major version before anything else of pyspark is imported
answer({"ok": True, "python": sys.version.split()[0], "pyspark": getattr(pyspark, "__version__", "unknown"),
        "executable": sys.executable})

SparkSession = F = T = None

spark = None
warehouse = None
# the session's settings when it started: what "reset" restores
settings = {}


def start(request):
    global spark, warehouse, settings, SparkSession, F, T
    remote = request.get("remote")
    if spark is not None and not remote:
        # a local session already started: the tests lend one bridge to many engines (SparkBridge.Lender), each of
        # which asks for the session; "reset" has emptied it
        return {"spark": spark.version}
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql import types as T
    if remote:
        url = urlparse(remote)
        if url.scheme != "sc" or not url.hostname:
            raise ValueError("the Spark Connect address must look like sc://host:port, not " + remote)
        port = url.port or 15002
        try:
            socket.create_connection((url.hostname, port), timeout=float(request.get("connectTimeout", 10))).close()
        except OSError as e:
            raise ConnectionError("no Spark Connect server answers at " + url.hostname + ":" + str(port) + " ("
                                  + str(e) + ")") from None
        spark = SparkSession.builder.remote(remote).getOrCreate()
    else:
        if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
            raise RuntimeError("pyspark needs Java to start a local Spark session, and there is no java on the"
                               " PATH and no JAVA_HOME")
        warehouse = tempfile.mkdtemp(prefix="spec-pipeline-spark-")
        builder = SparkSession.builder.master("local[2]").appName("spec-pipeline test")
        conf = {
            "spark.ui.enabled": "false",
            "spark.driver.host": "127.0.0.1",
            "spark.driver.bindAddress": "127.0.0.1",
            "spark.sql.shuffle.partitions": "2",
            "spark.sql.warehouse.dir": os.path.join(warehouse, "warehouse"),
            "spark.driver.extraJavaOptions": "-Dderby.system.home=" + os.path.join(warehouse, "derby"),
        }
        for key, value in conf.items():
            builder = builder.config(key, value)
        spark = builder.getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
    # BigQuery evaluates dates and timestamps in UTC; so do the generated run_all.py and the other engines
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    # as the generated run_all.py: NUMERIC * NUMERIC keeps its 9 fraction digits, as on BigQuery (Spark's default
    # drops fraction digits when a result needs more than 38 digits)
    spark.conf.set("spark.sql.decimalOperations.allowPrecisionLoss", "false")
    settings = dict(spark.conf.getAll)
    return {"spark": spark.version}


def reset(_request):
    """The started session as new, for the next engine that borrows this bridge: no temporary view, no table, no
    database but an empty default, nothing cached, and the settings of the start (what a run_all.py or a test set
    is undone). Fails when something is left, so that the bridge is stopped rather than lent with another run's
    data."""
    if spark is None:
        return {}  # not started yet: nothing to empty
    spark.catalog.clearCache()
    for table in spark.catalog.listTables():
        if table.isTemporary:
            spark.catalog.dropTempView(table.name)
        else:
            spark.sql("DROP TABLE IF EXISTS `default`.`" + table.name.replace("`", "``") + "`")
    for database in spark.catalog.listDatabases():
        if database.name != "default":
            spark.sql("DROP DATABASE `" + database.name.replace("`", "``") + "` CASCADE")
    # through the session's SQL settings themselves, as SparkSession.builder...getOrCreate() applied a run_all.py's
    # options to this running session (spark.app.name among them, which spark.conf.set refuses)
    conf = spark._jsparkSession.sessionState().conf()
    now = spark.conf.getAll
    for key in now:
        if key not in settings:
            conf.unsetConf(key)
    for key, value in settings.items():
        if now.get(key) != value:
            conf.setConfString(key, value)
    left = [t.name for t in spark.catalog.listTables()]
    left += [d.name for d in spark.catalog.listDatabases() if d.name != "default"]
    left += [k for k, v in spark.conf.getAll.items() if settings.get(k) != v]
    if left:
        raise RuntimeError("the session still holds " + ", ".join(sorted(left)) + " after a reset")
    return {}


def create(request):
    """A temporary view of typed rows: text cells cast to each column's Spark type."""
    names = [c[0] for c in request["columns"]]
    types = [c[1] for c in request["columns"]]
    text = T.StructType([T.StructField("c" + str(i), T.StringType(), True) for i in range(len(names))])
    frame = spark.createDataFrame(request["rows"], schema=text)
    frame = frame.select(*[F.col("c" + str(i)).cast(types[i]).alias(names[i]) for i in range(len(names))])
    frame.localCheckpoint().createOrReplaceTempView(request["view"])
    return {}


def materialize(request):
    """A query's rows, computed once and kept as a temporary view (a model's table)."""
    spark.sql(request["sql"]).localCheckpoint().createOrReplaceTempView(request["view"])
    return {}


def execute(request):
    spark.sql(request["sql"]).collect()
    return {}


def _text(field, column):
    t = field.dataType
    if isinstance(t, (T.TimestampType, T.TimestampNTZType)):
        return F.date_format(column, "yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
    if isinstance(t, (T.ArrayType, T.MapType, T.StructType)):
        return F.to_json(column)
    if isinstance(t, T.BinaryType):
        return F.hex(column)
    return column.cast("string")


def rows(request):
    """Every row of a query, each cell as Spark's text of the value, with the columns' Spark types."""
    frame = spark.sql(request["sql"])
    fields = frame.schema.fields
    positional = frame.toDF(*["c" + str(i) for i in range(len(fields))])
    shown = positional.select(*[_text(f, F.col("c" + str(i))).alias("c" + str(i)) for i, f in enumerate(fields)])
    return {
        "columns": [f.name for f in fields],
        "types": [f.dataType.simpleString() for f in fields],
        "rows": [list(r) for r in shown.collect()],
    }


def drop(request):
    for view in request["views"]:
        spark.catalog.dropTempView(view)
    return {}


def save(request):
    """A temporary view saved as a table of the session's catalog (for the generated PySpark to read)."""
    database = request["database"]
    spark.sql("CREATE DATABASE IF NOT EXISTS `" + database.replace("`", "``") + "`")
    spark.table(request["view"]).write.mode("overwrite").saveAsTable(request["table"])
    return {}


def _forget_modules(folder):
    for name in [m for m, module in sys.modules.items()
                 if getattr(module, "__file__", None) and os.path.dirname(module.__file__) == folder]:
        del sys.modules[name]


def run_generated(request):
    """Runs the generated pyspark/run_all.py on this session as `python run_all.py` would (as __main__, its folder
    first on the module path): its SparkSession.builder...getOrCreate() returns this session. The folder's modules
    are forgotten after, so that another folder's modules of the same names are imported afresh."""
    folder = request["folder"]
    script = os.path.join(folder, request.get("script", "run_all.py"))
    _forget_modules(folder)
    sys.path.insert(0, folder)
    try:
        import runpy
        runpy.run_path(script, run_name="__main__")
    finally:
        sys.path.remove(folder)
        _forget_modules(folder)
    return {}


def stop(_request):
    global spark
    if spark is not None:
        spark.stop()
        spark = None
    if warehouse is not None:
        shutil.rmtree(warehouse, ignore_errors=True)
    return {}


OPERATIONS = {
    "start": start,
    "create": create,
    "materialize": materialize,
    "execute": execute,
    "rows": rows,
    "drop": drop,
    "save": save,
    "run_generated": run_generated,
    "reset": reset,
    "stop": stop,
}


def message(e):
    text = str(e).strip() or type(e).__name__
    if type(e).__name__ not in ("AnalysisException", "ParseException") and not text.startswith("["):
        text = type(e).__name__ + ": " + text
    return text


for line in sys.stdin:
    if not line.strip():
        continue
    try:
        request = json.loads(line)
        op = OPERATIONS.get(request.get("op"))
        if op is None:
            failure("unknown operation " + repr(request.get("op")))
            continue
        result = op(request)
        result["ok"] = True
        answer(result)
        if request["op"] == "stop":
            break
    except Exception as e:  # noqa: BLE001 - every failure is answered, the bridge goes on
        if os.environ.get("SPECPIPELINE_BRIDGE_TRACE"):
            traceback.print_exc()
        failure(message(e))
else:
    stop({})
