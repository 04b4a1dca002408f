// A spec directory: the error in one model file is logged with that file's line and column, no stack trace.
def log = new File(basedir, 'build.log').text
assert log.contains("[ERROR] src/main/spec/shop/models/1_staging/01_stg_orders.json:39:9: error[SP210] unknown test 'not_nul' (hint: did you mean 'not_null'?)")
assert log.contains('BUILD FAILURE')
assert log.contains('spec validation failed: 1 error, ')
assert log.contains(' in src/main/spec/shop')
assert !log.contains('\tat io.github'), 'no Java stack trace for a user mistake'
assert !log.contains('Exception:')
// the SARIF report names the model's file too
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/spec-pipeline/validation/report.sarif'))
def errors = sarif.runs[0].results.findAll { it.level == 'error' }
assert errors.size() == 1
assert errors[0].locations[0].physicalLocation.artifactLocation.uri == 'src/main/spec/shop/models/1_staging/01_stg_orders.json'
assert errors[0].locations[0].physicalLocation.region.startLine == 39
true
