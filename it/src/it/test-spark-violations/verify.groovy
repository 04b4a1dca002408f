// On Spark as on DuckDB and GoogleSQL: each seeded violation fails the test it violates, named in the log and in the JUnit
// XML; the build fails once.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('[INFO] Engine: Spark')
assert !log.contains('IllegalThreadStateException')
def expected = [
    'unique__stg_customers__customer_id',        // customer 8 twice
    'accepted_values__stg_customers__signup_channel', // 'tiktok'
    'not_null__stg_customers__created_at',       // customer 10 without created_at
    'relationships__stg_orders__customer_id',    // order 1011 of customer 99
    'unit_test__stg_customers__billing_address_and_contact_normalisation', // zoe@example.com expected
]
expected.each { name ->
    assert log =~ /\[ERROR\] FAILED ${name} \(model \w+/ : "no failure reported for $name"
}
// the failing rows are shown with the test's SQL
assert log =~ /\[ERROR\]   \| customer_id \| n\s*\|/ || log.contains('| customer_id |')
assert log.contains('[ERROR]   SQL:')
// the unit test failure is a row diff
assert log.contains("email: expected 'zoe@example.com', got 'zoe@example.org'")
// one summary fails the build, no stack trace
assert log =~ /\[ERROR\] Failed to execute goal io\.github\.specpipeline:spec-pipeline-maven-plugin:[^:]+:test \(default\) on project test-spark-violations: \d+ of \d+ spec tests did not pass: /
assert !log.contains('\tat io.github')

def reports = new File(basedir, 'target/spec-pipeline/test-reports')
def failed = [] as Set
reports.listFiles().each { f ->
    def suite = new groovy.xml.XmlSlurper().parse(f)
    suite.testcase.each { tc ->
        if (tc.failure.size() > 0) {
            failed << tc.@name.toString()
            assert tc.failure.@message.toString()
            assert tc.failure.text().contains('test: ' + tc.@name)
        }
    }
}
assert failed.containsAll(expected) : "failed in XML: $failed"
reports.listFiles().each { f ->
    def suite = new groovy.xml.XmlSlurper().parse(f)
    assert suite.properties.property.find { it.@name == 'specpipeline.engine' }.@value == 'spark'
}
// the bridge and Spark are stopped: nothing after the build's result but Maven's closing lines
def after = log.substring(log.indexOf('BUILD FAILURE')).readLines().drop(1).findAll { !it.startsWith('Running post-build script') }
after.each { line ->
    assert line ==~ /\[(INFO|ERROR)\].*/ : "printed after BUILD FAILURE: $line"
}
return true
