// -DskipTests skips the goal (first build); then bad seeds fail the build with located messages and no test runs.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] spec-pipeline: tests are skipped (skipTests)')
assert log.contains('BUILD FAILURE')
assert log.contains('[ERROR] src/test/seeds/fx_rates.csv:7: 1 value, but the header has 2 columns')
assert log.contains("[ERROR] src/test/seeds/shop_orders.csv:12: column 'order_date': '2024-13-01' is not a valid DATE (expected a date YYYY-MM-DD, e.g. 2024-06-01)")
assert log.contains("[ERROR] src/test/seeds/shop_refunds.csv: seed for table 'shop_refunds', which is not a raw table of the spec")
assert log.contains('3 problems in the seed files under src/test/seeds; no test ran')
assert !(log =~ /spec-pipeline test: \d+ tests?,/)
assert !new File(basedir, 'target/spec-pipeline/test-reports').exists()
assert !log.contains('\tat io.github')
