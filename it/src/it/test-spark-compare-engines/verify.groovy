// compareEngines=duckdb,bigquery,spark: every model of the example builds the same rows on DuckDB, GoogleSQL and
// Spark (one suite per pair, each passes), and writeRows writes the same CSV files for the three engines.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('comparing the rows of every model on duckdb and bigquery and spark')
assert !log.contains('[ERROR]')
def after = log.substring(log.indexOf('BUILD SUCCESS')).readLines().drop(1).findAll { !it.startsWith('Running post-build script') }
after.each { line ->
    assert line ==~ /\[INFO\] (-+|Total time: .*|Finished at: .*)?/ : "printed after BUILD SUCCESS: $line"
}
def models = ['compare__dim_customers', 'compare__fact_customer_value', 'compare__fact_orders', 'compare__stg_customers',
        'compare__stg_orders', 'compare__stg_web_activity']
['duckdb-bigquery', 'duckdb-spark'].each { pair ->
    def compare = new groovy.xml.XmlSlurper().parse(new File(basedir, "target/spec-pipeline/test-reports/TEST-compare-engines.${pair}.xml"))
    assert compare.@tests == '6'
    assert compare.@failures == '0' && compare.@errors == '0' && compare.@skipped == '0'
    assert compare.testcase.collect { it.@name.toString() }.sort() == models
}
def duck = new File(basedir, 'target/spec-pipeline/rows/duckdb')
def names = duck.listFiles().collect { it.name }.sort()
assert names.size() == 6
['bigquery', 'spark'].each { engine ->
    def other = new File(basedir, "target/spec-pipeline/rows/${engine}")
    assert other.listFiles().collect { it.name }.sort() == names
    names.each { n -> assert new File(duck, n).text == new File(other, n).text : "rows of $n differ on $engine" }
}
return true
