// specpipeline.dbtAdapter=duckdb writes the dbt project for dbt-duckdb: DuckDB SQL in the models, a local
// profile, seeds loaded into the raw schema; the spark execution writes one for dbt-spark. Only dbt is generated.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
def out = new File(basedir, 'target/spec-pipeline')
assert new File(out, 'dbt').isDirectory()
assert !new File(out, 'sql/duckdb').exists() && !new File(out, 'dataform').exists() : 'only dbt is generated'
def text = { String rel -> new File(out, rel).getText('UTF-8') }
['dbt/dbt_project.yml', 'dbt/profiles.yml', 'dbt/models/sources.yml', 'dbt/models/staging/schema.yml',
 'dbt/models/staging/stg_customers.sql', 'dbt/models/final/fact_orders.sql', 'dbt/snapshots/dim_customers_history.sql',
 'dbt/macros/generate_schema_name.sql', 'dbt/tests/primary_key__stg_orders.sql'].each {
    assert new File(out, it).isFile() : "missing ${it}"
}
def profile = text('dbt/profiles.yml')
assert profile.contains('type: "duckdb"')
assert profile.contains('path: "spec_pipeline.duckdb"')
assert profile.contains('TimeZone: "UTC"')
def project = text('dbt/dbt_project.yml')
assert project.contains('seed-paths: ["seeds"]')
assert project.contains('+schema: "raw"')
assert project.contains('"shop_orders":\n      +column_types: {"order_id": "BIGINT"')
// DuckDB SQL, DuckDB types in the contracts, no BigQuery-only configs
def customers = text('dbt/models/staging/stg_customers.sql')
assert customers.contains("regexp_matches(")
assert !customers.contains('REGEXP_CONTAINS')
def schema = text('dbt/models/staging/schema.yml') + text('dbt/models/final/schema.yml')
assert schema.contains('data_type: "VARCHAR"') && !schema.contains('data_type: "STRING"')
assert schema.contains('incremental_strategy: "delete+insert"')
assert !schema.contains('partition_by') && !schema.contains('cluster_by')

def spark = new File(basedir, 'target/spark/dbt')
assert new File(spark, 'profiles.yml').getText('UTF-8').contains('method: "session"')
assert new File(spark, 'macros/spark__load_csv_rows.sql').isFile()
// SCD2 on dbt-spark: an append-only history model on Parquet (no Delta snapshot), the dimension a view over it
assert !new File(spark, 'snapshots/dim_customers_history.sql').exists()
def history = new File(spark, 'models/final/dim_customers_history.sql').getText('UTF-8')
assert history.contains("incremental_strategy='append', file_format='parquet'")
assert !history.contains('delta')
def sparkSchema = new File(spark, 'models/staging/schema.yml').getText('UTF-8')
assert sparkSchema.contains('partition_by: ["order_date"]')
assert sparkSchema.contains('incremental_strategy: "insert_overwrite"')
assert !log.contains('\tat io.github')
