// The README's "Using the plugin" pom is a whole pom that works when copied: this project's pom.xml is that block
// (the plugin version filled in by the invoker), and `mvn verify` runs the four goals on a small project.
def readme = new File(repositoryRoot, 'README.md').getText('UTF-8')
def start = '<!-- readme-pom:start -->\n```xml\n'
def end = '```\n<!-- readme-pom:end -->'
assert readme.contains(start) && readme.contains(end) : 'README.md lost its readme-pom markers'
def block = readme.substring(readme.indexOf(start) + start.length(), readme.indexOf(end))
def pom = new File(basedir, 'pom.xml').getText('UTF-8')
assert pom == block : "it/src/it/readme-pom/pom.xml differs from the README's pom block: copy the block into it (with @pluginVersion@ for the version)"

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('[INFO] spec src/main/spec/spec.json is valid: 2 models')
assert log.contains('[INFO] exported src/main/spec/spec.json for review to target/spec-pipeline/review')
assert log.contains('[INFO] generated ')
assert log =~ /\[INFO\] spec-pipeline test: \d+ tests, (\d+) passed, 0 failed/
// pom packaging: no Java build plugin ran
['maven-compiler-plugin', 'maven-surefire-plugin', 'maven-jar-plugin', 'maven-resources-plugin'].each {
    assert !log.contains(it) : "${it} ran: the README's pom must use pom packaging"
}
def out = new File(basedir, 'target/spec-pipeline')
['validation/report.json', 'review/spec-review.xlsx', 'sql/duckdb/run.sql', 'dbt/dbt_project.yml',
 'test-reports/TEST-staging.stg_customers.xml'].each { assert new File(out, it).isFile() : it }
true
