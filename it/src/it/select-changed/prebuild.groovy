// Copies the example project (examples/shop-analytics) into this IT project, keeps the spec as it is as
// src/main/spec/base.json and changes one transform of stg_customers in src/main/spec/spec.json (a change that keeps
// every test passing: LOWER of the e-mail address becomes LOWER of the trimmed address, trimmed again).
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
Files.copy(spec, to.resolve('main/spec/base.json'), StandardCopyOption.REPLACE_EXISTING)
def text = new String(Files.readAllBytes(spec), 'UTF-8')
def edited = text.replace('"@normalised({from})"', '"TRIM(@normalised({from}))"')
assert edited != text
Files.write(spec, edited.getBytes('UTF-8'))
return true
