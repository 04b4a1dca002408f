// generate with -Dspecpipeline.environment=dev: the spec's environments block gives "_dev" to the staging and final
// schemas in every target's code; the raw schema (the loaded source data) is not renamed.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
def out = new File(basedir, 'target/spec-pipeline')
def text = { new File(out, it).getText('UTF-8') }
assert text('dataform/definitions/staging/stg_orders.sqlx').contains('schema: "staging_dev"')
assert text('dataform/workflow_settings.yaml').contains('defaultDataset: "analytics_dev"')
assert text('dbt/dbt_project.yml').contains('"staging_dev"')
assert text('dbt/dbt_project.yml').contains('"analytics_dev"')
assert text('sql/duckdb/stg_orders.sql').contains('staging_dev.stg_orders')
assert text('sql/duckdb/fact_orders.sql').contains('analytics_dev.fact_orders')
assert text('pyspark/stg_orders.py').contains('staging_dev.stg_orders')
def files = []
out.eachFileRecurse(groovy.io.FileType.FILES) { files << it }
files.each { f ->
    def rel = out.toPath().relativize(f.toPath()).toString().replace('\\', '/')
    if (rel.startsWith('validation/')) return
    def t = f.getText('UTF-8')
    assert !t.contains('raw_dev') : "the raw schema was renamed in ${rel}"
    assert !(t =~ /\bstaging\.stg_/) : "a staging model outside the dev schema in ${rel}"
}
true
