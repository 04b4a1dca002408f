// Copies the example project's spec, DDL and seeds (examples/shop-analytics) into this IT project.
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
return true
