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

// One violation of each kind of test, each in a different place:
def seeds = basedir.toPath().resolve('src/test/seeds')
def append = { String file, String row -> Files.writeString(seeds.resolve(file), row + '\n', StandardOpenOption.APPEND) }
// a duplicate key: customer 8 twice
append('shop_customers.csv', '8,henry.second@example.com,Henry Two,650.555.0101,web,active,2024-03-10T12:00:00Z,2024-03-11T12:00:00Z')
// an unexpected value: a signup channel outside the accepted values
append('shop_customers.csv', '9,ivy@example.com,Ivy,,tiktok,active,2024-04-10T12:00:00Z,2024-04-11T12:00:00Z')
// a null: customer 10 has no creation time (created_at is not nullable in stg_customers)
append('shop_customers.csv', '10,jo@example.com,Jo,,web,active,,')
// an orphan foreign key: an order of customer 99, who does not exist
append('shop_orders.csv', '1011,99,2024-07-01,USD,paid,10.00,2024-07-01T10:00:00Z')
append('shop_order_lines.csv', '1011,1,SKU-CAP,1,10.00,0.00')
// a wrong unit-test expectation
def spec = basedir.toPath().resolve('src/main/spec/spec.json')
def text = Files.readString(spec)
assert text.contains('"email": "zoe@example.org"')
Files.writeString(spec, text.replace('"email": "zoe@example.org"', '"email": "zoe@example.com"'))
return true
