// Without a pom the goal runs too, into ./target/spec-pipeline; -Dspecpipeline.formats=csv writes only the CSV set.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('[INFO] Wrote target/spec-pipeline/review/csv/ (')
assert !log.contains('spec-review.xlsx')
def review = new File(basedir, 'target/spec-pipeline/review')
assert new File(review, 'csv/00_overview.csv').isFile()
assert new File(review, 'csv/01_all_columns.csv').isFile()
assert !new File(review, 'spec-review.xlsx').exists()
assert !new File(review, 'index.html').exists()
assert !new File(review, 'mermaid').exists()
def overview = new File(review, 'csv/00_overview.csv').text
assert overview.startsWith('Model Name,Layer,Source Tables,Total Columns,Has Joins,Has Aggregations,Primary Key\n')
assert !overview.contains('None')
true
