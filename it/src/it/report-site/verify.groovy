// mvn verify site: the test goal writes its JUnit XML, then the site gets the spec report: the overview under
// Project Reports, a page per model with its generated code and test results, the diagnostics page and the
// Mermaid script, copied into the site so that the diagrams render offline.
def log = new File(basedir, 'build.log').text

// The set-up is the one goal-report.md documents, exactly: this project's pom.xml and site.xml are its blocks
def doc = new File(repositoryRoot, 'src/site/markdown/goal-report.md').getText('UTF-8')
def block = { String name ->
    def start = "<!-- ${name}:start -->\n```xml\n"
    def end = "```\n<!-- ${name}:end -->"
    assert doc.contains(start) && doc.contains(end) : "goal-report.md lost its ${name} markers"
    doc.substring(doc.indexOf(start) + start.length(), doc.indexOf(end))
}
assert new File(basedir, 'pom.xml').getText('UTF-8') == block('site-pom') : 'it/src/it/report-site/pom.xml differs from goal-report.md (copy the block, with @pluginVersion@ for the version)'
assert new File(basedir, 'src/site/site.xml').getText('UTF-8') == block('site-xml') : 'site.xml differs from goal-report.md'
assert log.contains('BUILD SUCCESS')
def tests = (log =~ /spec-pipeline test: (\d+) tests, \1 passed, 0 failed/)
assert tests.find()
def count = tests.group(1)
assert log.contains("spec report: 8 pages for 6 models of src/main/spec/spec.json, ${count} test results")

def site = new File(basedir, 'target/site')
def overview = new File(site, 'spec-pipeline.html')
assert overview.isFile()
def html = overview.getText('UTF-8')
assert html.contains('<pre class="mermaid">')
assert html.contains('<script src="spec-pipeline/assets/mermaid.min.js"></script>')
assert html.contains('<script src="spec-pipeline/assets/spec-pipeline-report.js"></script>')
assert !html.contains('cdn.jsdelivr') && !html.contains('unpkg.com')
assert html.contains('valid: 0 errors, 12 warnings')
assert html.contains("${count} tests: ${count} passed, 0 failed, 0 in error, 0 skipped")
['stg_customers', 'stg_orders', 'stg_web_activity', 'fact_orders', 'fact_customer_value', 'dim_customers'].each { m ->
    assert html.contains("href=\"spec-pipeline/model-${m}.html\"")
    def page = new File(site, "spec-pipeline/model-${m}.html")
    assert page.isFile() : page
    def text = page.getText('UTF-8')
    assert text.contains('<pre class="mermaid">')
    assert text.contains('<script src="assets/mermaid.min.js"></script>')
    assert text.contains('href="../spec-pipeline.html"')
    // the code each target generates for the model
    ['duckdb', 'dataform', 'dbt', 'pyspark'].each { t -> assert text.contains("id=\"code-${t}\"") }
    assert text.contains('<strong>passed</strong>') && !text.contains('<strong>failed</strong>')
}
// SQL from the spec is shown as text: comparison operators escaped, quotes kept
def customers = new File(site, 'spec-pipeline/model-stg_customers.html').getText('UTF-8')
assert customers.contains("<code>address_type = 'billing'</code>")
assert customers.contains('updated_at &gt;= created_at')
assert customers.contains('billing_address_and_contact_normalisation')

def diagnostics = new File(site, 'spec-pipeline/diagnostics.html').getText('UTF-8')
['SP401', 'SP402', 'SP403'].each { assert diagnostics.contains(it) }

def mermaid = new File(site, 'spec-pipeline/assets/mermaid.min.js')
assert mermaid.isFile() && mermaid.length() > 1_000_000
assert new File(site, 'spec-pipeline/assets/mermaid-LICENSE.txt').isFile()
// the review files, written by the export renderers into the site, are linked from the overview and model pages
assert new File(site, 'spec-pipeline/review/spec-review.xlsx').length() > 5000
assert html.contains('href="spec-pipeline/review/spec-review.xlsx"')
['00_overview', '01_all_columns', '04_all_tests', '06_validation', 'model_stg_orders'].each { f ->
    assert new File(site, "spec-pipeline/review/csv/${f}.csv").isFile()
    assert html.contains("href=\"spec-pipeline/review/csv/${f}.csv\"")
}
assert new File(site, 'spec-pipeline/model-stg_orders.html').getText('UTF-8').contains('href="review/csv/model_stg_orders.csv"')
// listed under Project Reports
assert new File(site, 'project-reports.html').getText('UTF-8').contains('spec-pipeline.html')
