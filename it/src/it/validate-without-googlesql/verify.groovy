// Without GoogleSQL's native engine the valid spec still passes on the plugin's own checks, the build says so in one
// line, and nothing is printed as a stack trace.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] spec src/main/spec/spec.json is valid: 4 models, 0 errors, 2 warnings')
assert log.contains('BUILD SUCCESS')
def notes = log.readLines().findAll { it.contains('SP230') }
assert notes.size() == 1 : notes
assert notes[0].contains('simulated') && notes[0].contains("checked by spec-pipeline's own rules only")
assert !log.contains('Exception')
assert !log.contains('\tat ')
