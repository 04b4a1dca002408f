// -Dspecpipeline.targets=dbt,dataform: the spec's FARM_FINGERPRINT is BigQuery SQL, fine for both. generate,
// export and validate agree that the spec is valid for them; test, which runs DuckDB SQL whatever the targets,
// says plainly that it needs the DuckDB translation and what to do, instead of "run validate".
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('[INFO] generated ') && log.contains(' files for dataform, dbt from src/main/spec/spec.json')
assert log.contains('validation: 0 errors')
assert !log.contains('error[SP304]') || log.indexOf('error[SP304]') > log.indexOf('The test goal runs the models on embedded DuckDB')
assert log =~ /\[INFO\] spec src\/main\/spec\/spec\.json is valid: 2 models/
assert log.contains('[ERROR] The test goal runs the models on embedded DuckDB, but the spec does not translate to DuckDB SQL'
        + ' (specpipeline.targets is dataform, dbt, so validation did not check it):')
assert log =~ /\[ERROR\] src\/main\/spec\/spec\.json:\d+:\d+: error\[SP304\] transform of 'email': FARM_FINGERPRINT has no DuckDB translation: there is no FarmHash Fingerprint64 function .* \(target duckdb\)/
assert log.contains('the test goal runs the spec as DuckDB SQL, and the spec does not translate to it: 1 problem in src/main/spec/spec.json (logged above); no test ran.')
assert !log.contains('run the validate goal')
assert !log.contains('\tat ')
// every goal wrote the same reports: valid for the configured targets
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/spec-pipeline/validation/report.json'))
assert report.summary.errors == 0
assert !new File(basedir, 'target/spec-pipeline/sql/duckdb').exists()
assert new File(basedir, 'target/spec-pipeline/dbt/dbt_project.yml').isFile()
