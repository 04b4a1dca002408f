// Copies the example project (examples/shop-analytics) into this IT project, and makes src/main/edited/spec.json:
// the same spec with one transform of stg_customers changed, whose approval file links to the one goal 1 writes.
import java.nio.file.*

def example = new File(basedir, '../../../../examples/shop-analytics').canonicalFile.toPath()
assert Files.isRegularFile(example.resolve('src/main/spec/spec.json')) : "example project not found at $example"
def from = example.resolve('src')
def to = basedir.toPath().resolve('src')
Files.walk(from).withCloseable { paths ->
    paths.forEach { p ->
        def t = to.resolve(from.relativize(p).toString())
        if (Files.isDirectory(p)) {
            Files.createDirectories(t)
        } else {
            Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING)
        }
    }
}
def spec = to.resolve('main/spec/spec.json')
def text = new String(Files.readAllBytes(spec), 'UTF-8')
def edited = text.replace('"@normalised({from})"', '"UPPER(TRIM({from}))"')
assert edited != text
def dir = to.resolve('main/edited')
Files.createDirectories(dir)
Files.write(dir.resolve('spec.json'), edited.getBytes('UTF-8'))
Files.createSymbolicLink(dir.resolve('spec.approval.json'), Paths.get('../spec/spec.approval.json'))
Files.createSymbolicLink(dir.resolve('source_ddl'), Paths.get('../spec/source_ddl'))
return true
