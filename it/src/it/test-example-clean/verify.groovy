// The example project's seeds pass every data test and unit test; one JUnit XML file per model.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
def totals = (log =~ /spec-pipeline test: (\d+) tests, (\d+) passed, 0 failed, 0 errors, 0 skipped in [\d.]+ s/)
assert totals.find() : 'no passing summary in the log'
assert totals.group(1) == totals.group(2)
assert (log =~ /spec-pipeline test: \d+ tests, /).size() == 1 : 'the totals are logged once'
assert (totals.group(1) as int) > 50
assert log.contains('Seeds: 6 tables, 56 rows from src/test/seeds')
assert log =~ /\[INFO\] Time: [\d.]+ s \(load spec [\d.]+ s, generate SQL [\d.]+ s, start DuckDB [\d.]+ s, load data [\d.]+ s, build models [\d.]+ s, data tests [\d.]+ s, unit tests [\d.]+ s, reports [\d.]+ s\)/
assert !log.contains('[ERROR]')

def reports = new File(basedir, 'target/spec-pipeline/test-reports')
def files = reports.listFiles().collect { it.name }.sort()
assert files == ['TEST-analytics.dim_customers.xml', 'TEST-analytics.fact_customer_value.xml', 'TEST-analytics.fact_orders.xml',
                 'TEST-staging.stg_customers.xml', 'TEST-staging.stg_orders.xml', 'TEST-staging.stg_web_activity.xml']
int tests = 0
reports.listFiles().each { f ->
    def suite = new groovy.xml.XmlSlurper().parse(f)
    assert suite.name() == 'testsuite'
    assert suite.@failures == '0' && suite.@errors == '0' && suite.@skipped == '0'
    assert suite.testcase.size() == (suite.@tests.toString() as int)
    tests += suite.@tests.toString() as int
}
assert tests == (totals.group(1) as int)
// the example's five unit tests ran and passed
def unitTests = []
reports.listFiles().each { f -> new groovy.xml.XmlSlurper().parse(f).testcase.each { tc ->
    if (tc.@name.toString().startsWith('unit_test__')) unitTests << tc.@name.toString() } }
assert unitTests.sort() == ['unit_test__fact_customer_value__orders_and_sessions_per_customer',
                            'unit_test__fact_orders__orders_flagged_and_customers_attached',
                            'unit_test__stg_customers__billing_address_and_contact_normalisation',
                            'unit_test__stg_orders__lines_rolled_up_and_converted_to_usd',
                            'unit_test__stg_web_activity__resent_sessions_deduplicated_and_bounces_dropped']
return true
