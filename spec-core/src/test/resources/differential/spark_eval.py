"""Evaluates the differential table's Spark SQL on one local Spark session (FunctionDifferential).

Reads a JSON list of queries (each one 'SELECT <expression> AS v [FROM ...]') from argv[1] and writes to argv[2]
(without arguments: queries.json and values.json beside this script) a JSON list with, per query, the result column's Spark type and its first row's value in a form the Java side
turns into BigQuery's text: {"type": "decimal(38,9)", "value": "1.5"} or {"error": "message"}. Values: None, bool,
int, repr of a float ('nan', 'inf'), str of a Decimal, ISO text of dates and timestamps (the process runs in UTC,
so a TIMESTAMP's local time is UTC), base64 of bytes, and a list as JSON in BigQuery's array text.

The tests run it on the test JVM's shared Spark bridge (SharedSpark: runpy in the bridge's process, whose session
SparkSession.builder...getOrCreate() returns): then it leaves the session running, and its log level and the
process's time zone as they were.
"""
import base64
import concurrent.futures
import datetime
import decimal
import json
import os
import sys
import time

from pyspark import SparkContext
from pyspark.sql import SparkSession


def scalar(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, (datetime.datetime, datetime.date)):
        return v.isoformat()
    if isinstance(v, (bytes, bytearray)):
        return base64.b64encode(bytes(v)).decode("ascii")
    if isinstance(v, datetime.timedelta):
        return str(v)
    return repr(v)


def array_element(v):
    """BigQuery writes an ARRAY's text as JSON: numbers bare, other scalars as strings."""
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return v
    return scalar(v)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    source, target = sys.argv[1:3] if len(sys.argv) > 2 else (
        os.path.join(here, "queries.json"), os.path.join(here, "values.json"))
    with open(source, encoding="utf-8") as f:
        queries = json.load(f)
    zone = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    shared = SparkContext._active_spark_context is not None
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("spec-pipeline-differential")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "1")
        # what the generated run_all.py and the test goal's Spark bridge set: the table shows what they compute
        # (a NUMERIC quotient keeps 6 fractional digits, SP244; Spark's default "true" would keep more)
        .config("spark.sql.decimalOperations.allowPrecisionLoss", "false")
        .getOrCreate()
    )
    # failing cases are expected (BigQuery's error is compared with Spark's): no log of each
    spark.sparkContext.setLogLevel("OFF")

    def evaluate(q):
        try:
            df = spark.sql(q)
            field = df.schema.fields[0]
            rows = df.collect()
            if not rows:
                return {"error": "no row"}
            v = rows[0][0]
            if isinstance(v, list):
                text = json.dumps([array_element(e) for e in v], separators=(",", ":"), ensure_ascii=False)
            else:
                text = scalar(v)
            return {"type": field.dataType.simpleString(), "value": text}
        except Exception as e:  # every failure is a value: BigQuery's error is compared with it
            return {"error": (type(e).__name__ + ": " + str(e)).strip()[:2000]}

    try:
        # most of a query's time is Spark planning it in the JVM: a few at a time keep both cores busy
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            out = list(pool.map(evaluate, queries))
    finally:
        if shared:
            spark.sparkContext.setLogLevel("ERROR")  # the bridge's level
        else:
            spark.stop()
        if zone is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = zone
        time.tzset()
    with open(target, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
