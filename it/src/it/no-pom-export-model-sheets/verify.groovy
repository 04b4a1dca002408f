// -Dspecpipeline.maxModelSheets=3 on a 4-model spec: the 8 summary sheets only, and one log line that says why.
import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Wrote target/spec-pipeline/review/spec-review.xlsx (8 sheets; no sheet per model: 4 models exceed maxModelSheets (3), see All Columns and csv/model_*.csv)')
def xlsx = new File(basedir, 'target/spec-pipeline/review/spec-review.xlsx')
assert xlsx.isFile()
def zip = new ZipFile(xlsx)
try {
    def sheets = zip.entries().toList().findAll { it.name.startsWith('xl/worksheets/sheet') }
    assert sheets.size() == 8
    def workbook = zip.getInputStream(zip.getEntry('xl/workbook.xml')).text
    assert workbook.contains('name="Data Lineage"')
} finally {
    zip.close()
}
// the negative limit: one clear message, no stack trace, nothing written
assert log.contains('maxModelSheets must be 0 or more, not -1')
assert !log.contains('\tat ')
assert !new File(basedir, 'target/negative').exists()
true
