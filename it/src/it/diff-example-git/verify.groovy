// Both changes are breaking and name the downstream columns they reach; failOn=breaking fails the build.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/spec-pipeline/diff/report.json'))
def changes = report.changes
def transform = changes.find { it.model == 'stg_orders' && it.column == 'amount_usd' }
assert transform.kind == 'transform_changed'
assert transform.category == 'breaking'
assert transform.before == 'ROUND({from} * fx_rates.rate_to_usd, 2) (from shop_orders.total_amount)'
assert transform.after == 'ROUND({from} * fx_rates.rate_to_usd, 0) (from shop_orders.total_amount)'
def reached = transform.impacted.collect { it.model + '.' + it.column }
assert reached.containsAll(['fact_orders.amount_usd', 'fact_customer_value.lifetime_value_usd', 'fact_customer_value.avg_order_value_usd'])

def dropped = changes.find { it.model == 'stg_customers' && it.column == 'country_code' }
assert dropped.kind == 'column_removed'
assert dropped.category == 'breaking'
assert dropped.impacted.collect { it.model + '.' + it.column }.contains('fact_orders.customer_country_code')
// the example's SCD2 dimension passes stg_customers' columns through, so it loses the column too
def passedThrough = changes.find { it.model == 'dim_customers' && it.column == 'country_code' }
assert passedThrough.kind == 'column_removed'
assert changes.size() == 3 : changes

// the console names both, at their places in the spec
assert log =~ /warning\[SP510\] breaking change against git:HEAD: stg_orders\.amount_usd: transform changed \(hint: impacts fact_orders\.amount_usd/
assert log =~ /src\/main\/spec\/spec\.json:\d+:\d+: warning\[SP510\] breaking change against git:HEAD: stg_customers\.country_code: column removed \(hint: impacts fact_orders\.customer_country_code, dim_customers\.country_code\)/
// the second run fails naming both
assert log.contains('spec-pipeline diff failed (failOn=breaking): src/main/spec/spec.json against git:HEAD has 3 changes: 3 breaking, 0 non-breaking, 0 metadata: stg_customers.country_code: column removed; stg_orders.amount_usd: transform changed; dim_customers.country_code: column removed; see target/second/diff/report.md')
def sql = new File(basedir, 'target/spec-pipeline/diff/migration.sql').text
assert sql.contains('-- rebuild: stg_orders: the values of amount_usd are computed differently')
// the working tree keeps the edit: nothing was checked out
assert !new File(basedir, 'src/main/spec/spec.json').text.contains('rate_to_usd, 2)')
