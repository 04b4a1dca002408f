// select=changed+ with a base file tests only the changed model (stg_customers) and its downstream models
// (fact_orders, dim_customers), building stg_orders for them without testing it; the time of both runs is printed.
def log = new File(basedir, 'build.log').text
assert log.count('BUILD SUCCESS') == 2
assert !log.contains('\tat ')
assert log.contains('[INFO] spec-pipeline test: selected 3 of 6 models (specpipeline.select): stg_customers,'
        + ' fact_orders, dim_customers; skipped: stg_orders, stg_web_activity, fact_customer_value')
assert log.contains('[INFO] spec-pipeline test: built from the seeds for the selected models, their tests not run:'
        + ' stg_orders; not built: stg_web_activity, fact_customer_value')
def runs = (log =~ /spec-pipeline test: (\d+) tests, (\d+) passed, 0 failed, 0 errors, 0 skipped in ([\d.]+) s/)
assert runs.size() == 2
def full = runs[0]
def changed = runs[1]
assert (changed[1] as int) < (full[1] as int)
def suites = { dir -> new File(basedir, dir).listFiles().findAll { it.name.endsWith('.xml') }.collect { it.name }.sort() }
assert suites('target/full/test-reports').size() == 6
assert suites('target/changed/test-reports') == ['TEST-analytics.dim_customers.xml', 'TEST-analytics.fact_orders.xml',
                                                'TEST-staging.stg_customers.xml']
def totalTime = { (log =~ /\[INFO\] Total time: +([\d.:]+ \w+)/) }
def figures = "select-changed: full test ${full[1]} tests in ${full[3]} s; changed+ ${changed[1]} tests in ${changed[3]} s" +
        " (Maven total times: ${totalTime().collect { it[1] }.join(', ')})"
println figures
new File(basedir, 'timings.txt').text = figures + '\n'
return true
