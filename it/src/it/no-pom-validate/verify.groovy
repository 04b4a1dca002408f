// Without a pom the goal still runs; outputs go to ./target/spec-pipeline; without DDL, columns are unchecked.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] spec specs/spec.json is valid: 4 models, 0 errors, 2 warnings')
assert new File(basedir, 'target/spec-pipeline/validation/report.json').isFile()
assert new File(basedir, 'target/spec-pipeline/validation/report.sarif').isFile()
