// The test goal remembers a passing run: the second build reports "up to date" and runs nothing, keeping the JUnit
// XML of the first; -Dspecpipeline.force=true runs the tests again.
def log = new File(basedir, 'build.log').text
assert log.count('BUILD SUCCESS') == 3
assert !log.contains('\tat ')
def ran = (log =~ /spec-pipeline test: (\d+) tests, (\d+) passed, 0 failed, 0 errors, 0 skipped in [\d.]+ s/)
assert ran.size() == 2 : 'runs 1 and 3 ran the tests, run 2 did not'
assert log.count('[INFO] tests of src/main/spec/spec.json are up to date: nothing changed since the last passing run'
        + ' (spec, source DDL, seeds, options, plugin version); its results are in target/spec-pipeline/test-reports'
        + ' (-Dspecpipeline.force=true reruns them)') == 1
def reports = new File(basedir, 'target/spec-pipeline/test-reports').listFiles().findAll { it.name.endsWith('.xml') }
assert reports.size() == 6
assert new File(basedir, 'target/spec-pipeline/.test-stamp').isFile()
return true
