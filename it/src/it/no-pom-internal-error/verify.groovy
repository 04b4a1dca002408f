// An unexpected exception inside the core: one SP008 finding naming the spec and the exception, "please
// report", a failed build with a one-line reason, the finding in report.json, and the stack trace only with -X.
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\./).findAll { !it.isBlank() }
def first = runs[0]
assert first.contains('BUILD FAILURE')
assert first =~ /\[ERROR\] spec\.json: error\[SP008\] internal error in the generate goal on spec\.json: java\.lang\.IllegalStateException: simulated bug \(specpipeline\.internal\.simulateBug=generate\)\. This is a bug in spec-pipeline [^ ]+, not in the spec: please report it/
assert first.contains('spec-pipeline generate: internal error (a bug, please report it) on spec.json: java.lang.IllegalStateException: simulated bug')
assert first.contains('; see target/spec-pipeline/validation/report.json; run Maven with -X for the stack trace')
assert !first.contains('\tat ') : 'a stack trace without -X'
assert !first.contains('stack trace of the internal error')
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/spec-pipeline/validation/report.json'))
assert report.summary.errors == 1
assert report.diagnostics*.code == ['SP008']
assert !new File(basedir, 'target/spec-pipeline/sql').exists()

def debug = log.substring(log.lastIndexOf('stack trace of the internal error (SP008), for the bug report:') - 20)
assert debug.contains('[DEBUG] stack trace of the internal error (SP008), for the bug report:')
assert debug.contains('java.lang.IllegalStateException: simulated bug')
assert debug.contains('\tat io.github.specpipeline.core.task.TaskRun.guard')
