def log = new File(basedir, 'build.log').text
assert log.contains('spec-pipeline: skipped (specpipeline.skip)')
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/spec-pipeline').exists()
