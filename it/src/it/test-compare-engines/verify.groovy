// compareEngines=duckdb,bigquery: every model of the example builds the same rows on DuckDB and GoogleSQL (the
// suite compare-engines passes), and writeRows writes the same CSV files for both engines.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('comparing the rows of every model on duckdb and bigquery')
assert !log.contains('[ERROR]')
assert !log.contains('IllegalThreadStateException')
def after = log.substring(log.indexOf('BUILD SUCCESS')).readLines().drop(1).findAll { !it.startsWith('Running post-build script') }
after.each { line ->
    assert line ==~ /\[INFO\] (-+|Total time: .*|Finished at: .*)?/ : "printed after BUILD SUCCESS: $line"
}

def compare = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/spec-pipeline/test-reports/TEST-compare-engines.xml'))
assert compare.@tests == '6'
assert compare.@failures == '0' && compare.@errors == '0' && compare.@skipped == '0'
assert compare.testcase.collect { it.@name.toString() }.sort() == ['compare__dim_customers', 'compare__fact_customer_value',
        'compare__fact_orders', 'compare__stg_customers', 'compare__stg_orders', 'compare__stg_web_activity']

def duck = new File(basedir, 'target/spec-pipeline/rows/duckdb')
def bq = new File(basedir, 'target/spec-pipeline/rows/bigquery')
def names = duck.listFiles().collect { it.name }.sort()
assert names.size() == 6
assert bq.listFiles().collect { it.name }.sort() == names
names.each { n -> assert new File(duck, n).text == new File(bq, n).text : "rows of $n differ" }
// BigQuery's text form: NUMERIC without trailing zeros, timestamps in UTC with +00
def orders = new File(bq, 'stg_orders.csv').text
assert orders.startsWith('order_id,')
assert !(orders =~ /\.\d*0,/)
return true
