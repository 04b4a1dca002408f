// Without a pom the test goal runs on the default locations (copied from the example) and writes ./target/spec-pipeline.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log =~ /spec-pipeline test: 79 tests, 79 passed, 0 failed, 0 errors, 0 skipped in [\d.]+ s/
def reports = new File(basedir, 'target/spec-pipeline/test-reports')
assert reports.listFiles().findAll { it.name ==~ /TEST-.*\.xml/ }.size() == 6
return true
