// The export goal runs in generate-resources, writes every format, logs one line per artifact, skips an
// unchanged spec (stamp) unless forced, and writes the same bytes every time, dated project.build.outputTimestamp.
import groovy.io.FileType
import java.time.LocalDateTime
import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
assert log.count('BUILD SUCCESS') == 4
assert !log.contains('\tat ')
assert log.count('[INFO] Wrote target/first/review/spec-review.xlsx (12 sheets)') == 2
assert log.count('[INFO] Wrote target/second/review/spec-review.xlsx (12 sheets)') == 1
assert log.count('[INFO] Wrote target/first/review/csv/ (11 CSV files)') == 2
assert log.count('[INFO] Wrote target/first/review/diagram.md and target/first/review/mermaid/ (9 diagrams)') == 2
assert log.count('[INFO] Wrote target/first/review/index.html (self-contained, Mermaid 11.') == 2
assert log.count('[INFO] exported src/main/spec/spec.json for review to target/first/review: 4 models, 17 columns; validation: 0 errors, 2 warnings') == 2
assert log.count('[INFO] review exports of src/main/spec/spec.json are up to date in target/first/review'
        + ' (nothing changed; -Dspecpipeline.force=true rewrites them)') == 1

def files = { File dir ->
    def out = []
    dir.eachFileRecurse(FileType.FILES) { out << dir.toPath().relativize(it.toPath()).toString().replace('\\', '/') }
    out.sort()
}
def first = new File(basedir, 'target/first/review')
def second = new File(basedir, 'target/second/review')
def names = files(first)
assert names == files(second)
assert names.containsAll(['spec-review.xlsx', 'index.html', 'diagram.md', 'mermaid/pipeline.mmd',
        'csv/00_overview.csv', 'csv/01_all_columns.csv', 'csv/02_all_transforms.csv', 'csv/03_all_joins.csv',
        'csv/04_all_tests.csv', 'csv/05_data_lineage.csv', 'csv/model_stg_customers.csv', 'csv/model_fct_customer_orders.csv',
        'mermaid/model_stg_customers.flow.mmd', 'mermaid/model_stg_customers.lineage.mmd'])
names.each { f -> assert new File(first, f).bytes == new File(second, f).bytes : "$f differs between two runs" }

def zip = new ZipFile(new File(first, 'spec-review.xlsx'))
try {
    assert zip.getInputStream(zip.getEntry('docProps/core.xml')).text.contains('2025-06-01T12:00:00Z')
    zip.entries().each { e -> assert e.timeLocal == LocalDateTime.of(2025, 6, 1, 12, 0) : e.name }
} finally {
    zip.close()
}
true
