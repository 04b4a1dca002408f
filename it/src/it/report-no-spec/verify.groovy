// No spec, no report: canGenerateReport() is false, the site is built without it.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('[INFO] spec-pipeline: no report, the spec src/main/spec/spec.json does not exist')
assert new File(basedir, 'target/site/index.html').isFile()
assert !new File(basedir, 'target/site/spec-pipeline.html').exists()
assert !new File(basedir, 'target/site/spec-pipeline').exists()
