// Run alone (no site plugin run; maven-reporting-impl 4 writes to target/reports): the overview and the sub-pages are written with the skin; the spec error
// does not fail the build but is shown; the test results of a previous run are read; spec text is escaped.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('[WARNING] spec src/main/spec/spec.json has 1 error; the report shows them')
assert log.contains('spec report: 4 pages for 2 models of src/main/spec/spec.json, 6 test results')

def site = new File(basedir, 'target/reports')
def overview = new File(site, 'spec-pipeline.html').getText('UTF-8')
assert overview.contains('invalid: 1 error, 1 warning')
assert overview.contains('no_such_column')
assert overview.contains('6 tests: 3 passed, 1 failed, 1 in error, 1 skipped')

def accounts = new File(site, 'spec-pipeline/model-stg_accounts.html').getText('UTF-8')
// the sub-page has the skin (style sheets, menu) like the main page
assert accounts.contains('../css/')
assert accounts.contains('<script src="assets/mermaid.min.js"></script>')
// spec text and test output never become markup
assert !accounts.contains("<script>alert('owned')</script>")
assert accounts.contains('&lt;script&gt;alert(')
assert !accounts.contains('<b>core</b>') && accounts.contains('&lt;b&gt;core&lt;/b&gt;')
assert !accounts.contains('<img src=x') && accounts.contains('&lt;img src=x onerror=alert(1)&gt;')
assert !accounts.contains("'</td></tr>'")

def diagnostics = new File(site, 'spec-pipeline/diagnostics.html').getText('UTF-8')
assert diagnostics.contains('SP207') || diagnostics.contains('SP206')
assert diagnostics.contains('href="model-fact_payments.html"')
assert new File(site, 'spec-pipeline/assets/mermaid.min.js').isFile()
// a spec with errors is still exported for review (the findings are part of the exports)
assert new File(site, 'spec-pipeline/review/spec-review.xlsx').isFile()
assert new File(site, 'spec-pipeline/review/csv/06_validation.csv').getText('UTF-8').contains('no_such_column')
