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


def start(request):
    global spark, warehouse, SparkSession, F, T
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql import types as T
    remote = request.get("remote")
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
    return {"spark": spark.version}


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


def run_generated(request):
    """Runs the generated pyspark/run_all.py's main() on this session, importing the generated folder."""
    folder = request["folder"]
    for name in [m for m, module in sys.modules.items()
                 if getattr(module, "__file__", None) and os.path.dirname(module.__file__) == folder]:
        del sys.modules[name]
    sys.path.insert(0, folder)
    try:
        import importlib
        importlib.import_module("run_all").main()
    finally:
        sys.path.remove(folder)
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
