def log = new File(basedir, 'build.log').text
assert log.contains("warning[SP103] unknown field 'colum_mapping' in a model (ignored) (hint: did you mean 'column_mapping'?)")
assert log.contains('spec validation failed: 0 errors, 3 warnings in src/main/spec/spec.json (failOnWarning is set)')
assert log.contains('BUILD FAILURE')
