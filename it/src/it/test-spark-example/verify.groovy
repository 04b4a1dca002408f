// The example project's seeds pass every data test and unit test on Spark (a local session through pyspark); the
// JUnit XML names the engine, and nothing is printed after the build's result: the Python bridge and Spark's JVM
// are stopped when the goal ends.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('[INFO] Engine: Spark (the Spark SQL of the PySpark target)')
assert log =~ /\[INFO\] Spark 4\.\d+\.\d+ started/
def totals = (log =~ /spec-pipeline test: (\d+) tests, (\d+) passed, 0 failed, 0 errors, 0 skipped in [\d.]+ s/)
assert totals.find() : 'no passing summary in the log'
assert totals.group(1) == totals.group(2)
assert (totals.group(1) as int) > 50
assert log =~ /start Spark [\d.]+ s/
assert !log.contains('[ERROR]')
// nothing but Maven's own closing lines after BUILD SUCCESS
def after = log.substring(log.indexOf('BUILD SUCCESS')).readLines().drop(1).findAll { !it.startsWith('Running post-build script') }
after.each { line ->
    assert line ==~ /\[INFO\] (-+|Total time: .*|Finished at: .*)?/ : "printed after BUILD SUCCESS: $line"
}
assert !log.contains('IllegalThreadStateException')

def reports = new File(basedir, 'target/spec-pipeline/test-reports')
assert reports.listFiles().size() == 6
reports.listFiles().each { f ->
    def suite = new groovy.xml.XmlSlurper().parse(f)
    assert suite.@failures == '0' && suite.@errors == '0' && suite.@skipped == '0'
    assert suite.properties.property.find { it.@name == 'specpipeline.engine' }.@value == 'spark'
}
return true
