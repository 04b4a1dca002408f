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

// Seed mistakes: an unparsable date, a wrong value count, a seed for an unknown table
def seeds = basedir.toPath().resolve('src/test/seeds')
Files.writeString(seeds.resolve('shop_orders.csv'), '1012,1,2024-13-01,USD,paid,10.00,2024-07-01T10:00:00Z\n', StandardOpenOption.APPEND)
Files.writeString(seeds.resolve('fx_rates.csv'), 'JPY\n', StandardOpenOption.APPEND)
Files.writeString(seeds.resolve('shop_refunds.csv'), 'order_id,amount\n1001,5.00\n')
return true
