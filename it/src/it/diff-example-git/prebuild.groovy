// Copies the example's spec and DDL, commits them to a new git repository (the IT's folder), then changes the
// working copy: one transform (stg_orders.amount_usd rounds to whole dollars) and one dropped column that
// downstream models read (stg_customers.country_code, read by fact_orders.customer_country_code).
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

Path from = new File(repositoryRoot, 'examples/shop-analytics/src/main/spec').toPath()
Path to = basedir.toPath().resolve('src/main/spec')
Files.walk(from).forEach { p ->
    Path target = to.resolve(from.relativize(p).toString())
    if (Files.isDirectory(p)) {
        Files.createDirectories(target)
    } else {
        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING)
    }
}
new File(basedir, '.gitignore').text = 'target/\nbuild.log\n*.groovy\ninvoker.properties\n'

def git(String... args) {
    def command = ['git'] + args.toList()
    def p = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true).start()
    def out = p.inputStream.text
    assert p.waitFor() == 0 : "${command.join(' ')} failed: ${out}"
}
git('init', '-q')
git('add', '.')
git('-c', 'user.name=it', '-c', 'user.email=it@example.invalid', 'commit', '-q', '-m', 'the example as approved')

File spec = to.resolve('spec.json').toFile()
String text = spec.getText('UTF-8')
String transform = '"transform": "ROUND({from} * fx_rates.rate_to_usd, 2)"'
assert text.count(transform) == 1
text = text.replace(transform, '"transform": "ROUND({from} * fx_rates.rate_to_usd, 0)"')
int start = text.indexOf('        {\n          "target_column": "country_code",')
assert start > 0
int end = text.indexOf('\n        },\n', start)
text = text.substring(0, start) + text.substring(end + '\n        },\n'.length())
spec.setText(text, 'UTF-8')
return true
