// Every error is logged compiler-style with its location, then one summary fails the build; no stack trace.
def log = new File(basedir, 'build.log').text
assert log.contains("[ERROR] src/main/spec/spec.json:44:13: error[SP210] unknown test 'not_nul' (hint: did you mean 'not_null'?)")
assert log =~ /\[ERROR\] src\/main\/spec\/spec\.json:154:25: error\[SP204\] column 'amount_usd' references unknown table 'fx_rates' \(sources: orders, fx\)/
assert log.contains('BUILD FAILURE')
assert log.contains('spec validation failed: 2 errors, 0 warnings in src/main/spec/spec.json')
assert !log.contains('\tat io.github'), 'no Java stack trace for a user mistake'
assert !log.contains('Exception:')
// the reports are still written, so CI can upload the SARIF
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/spec-pipeline/validation/report.json'))
assert report.summary.errors == 2
assert report.diagnostics*.code == ['SP210', 'SP204']
assert report.diagnostics[1].pointer == '/models/1/column_mapping/2/from_table'
