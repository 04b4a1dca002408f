// Errors are logged and exported, not fatal; an unreadable spec and an unknown format fail with one message, no trace.
def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] errors\.json:\d+:\d+: error\[SP301\] transform of 'amount' is not a valid SQL expression/
assert log =~ /\[ERROR\] errors\.json:\d+:\d+: error\[SP205\] source 'stg_order' is not a model of this spec/
assert log =~ /\[INFO\] exported errors\.json for review to target\/spec-pipeline\/review: 2 models, 3 columns; validation: \d+ errors, 0 warnings \(shown in the exports; the validate goal fails on them\)/
def review = new File(basedir, 'target/spec-pipeline/review')
def validation = new File(review, 'csv/06_validation.csv').text
assert validation.contains(',SP301,') && validation.contains(',SP205,')
assert new File(review, 'csv/01_all_columns.csv').text.contains(",'=1+1 is not a formula here\n")
assert new File(review, 'index.html').text.contains('error[SP205]') == false
assert new File(review, 'index.html').text.contains('SP205')
assert new File(review, 'spec-review.xlsx').isFile()

assert log.contains('[ERROR] Failed to execute goal io.github.specpipeline:spec-pipeline-maven-plugin:')
assert log =~ /cannot export truncated\.json: it could not be read \(1 error, see above and target\/broken\/validation\/report\.json\)/
assert !new File(basedir, 'target/broken/review').exists()
// nothing exported, but the validation report says why
def broken = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/broken/validation/report.json'))
assert broken.summary.errors == 1 && broken.diagnostics[0].code == 'SP003'
assert log.contains("spec-pipeline: unknown export format 'pdf'; use a comma-separated list of xlsx, csv, mermaid, html (or all)")
assert !new File(basedir, 'target/pdf').exists()
assert log.count('BUILD FAILURE') == 2
assert !log.contains('\tat ')
true
