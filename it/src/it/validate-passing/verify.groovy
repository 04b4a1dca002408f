// The valid spec passes, the goal ran in verify, and both reports exist with zero errors.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] spec src/main/spec/spec.json is valid: 4 models, 0 errors, 2 warnings')
assert log.contains('BUILD SUCCESS')
def json = new File(basedir, 'target/spec-pipeline/validation/report.json')
assert json.isFile()
def report = new groovy.json.JsonSlurper().parse(json)
assert report.summary.errors == 0
assert report.spec == 'src/main/spec/spec.json'
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/spec-pipeline/validation/report.sarif'))
assert sarif.version == '2.1.0'
// only the layout findings: stg_orders' partitioning and clustering some targets cannot express
assert sarif.runs[0].results*.ruleId == ['SP218', 'SP218']
assert sarif.runs[0].tool.driver.rules.find { it.id == 'SP204' }
// GoogleSQL analyzed the fragments in the Maven JVM and left no JNI channel threads behind (Maven reports those
// with an IllegalThreadStateException after the goal)
assert !log.contains('SP230')
assert !log.contains('IllegalThreadStateException')
assert !log.contains('Exception')
