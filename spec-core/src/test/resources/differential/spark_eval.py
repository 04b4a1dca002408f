"""Evaluates the differential table's Spark SQL on one local Spark session (FunctionDifferential).

Reads a JSON list of queries (each one 'SELECT <expression> AS v [FROM ...]') from argv[1] and writes to argv[2]
a JSON list with, per query, the result column's Spark type and its first row's value in a form the Java side
turns into BigQuery's text: {"type": "decimal(38,9)", "value": "1.5"} or {"error": "message"}. Values: None, bool,
int, repr of a float ('nan', 'inf'), str of a Decimal, ISO text of dates and timestamps (the process runs in UTC,
so a TIMESTAMP's local time is UTC), base64 of bytes, and a list as JSON in BigQuery's array text.
"""
import base64
import concurrent.futures
import datetime
import decimal
import json
import os
import sys
import time

os.environ["TZ"] = "UTC"
time.tzset()

from pyspark.sql import SparkSession  # noqa: E402


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
    with open(sys.argv[1], encoding="utf-8") as f:
        queries = json.load(f)
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("spec-pipeline-differential")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "1")
        .getOrCreate()
    )
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
        spark.stop()
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
