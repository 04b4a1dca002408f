// engine spark with specpipeline.python naming no interpreter: the build fails with one line that says what to set,
// no stack trace, and nothing is left running or printed after the result.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /\[ERROR\] Failed to execute goal io\.github\.specpipeline:spec-pipeline-maven-plugin:[^:]+:test \(default\) on project test-spark-no-python: engine spark: cannot run the Python interpreter '\/no\/such\/python3' \(set specpipeline\.python to a Python with pyspark 4\.x\): error=2, No such file or directory/
assert !log.contains('\tat ')
assert !log.contains('Exception in thread')
assert log.readLines().count { it.contains('cannot run the Python interpreter') } == 1
return true
