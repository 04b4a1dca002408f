// Where GoogleSQL's native library does not load (here: ZetaSQL pointed at a missing library, as on Windows or
// ARM), engine bigquery fails with one clear error and no stack trace; an unknown engine names the engines.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /\[ERROR\] Failed to execute goal io\.github\.specpipeline:spec-pipeline-maven-plugin:[^:]+:test \(default\) on project test-bigquery-unavailable: engine bigquery needs Linux x86_64 or macOS \(GoogleSQL's engine \(ZetaSQL 2024\.11\.1\) could not start on /
assert log.contains("specpipeline.engine is 'snowflake'; the engines are duckdb, bigquery, spark")
assert !log.contains('\tat ')
assert !log.contains('Exception in thread')
return true
