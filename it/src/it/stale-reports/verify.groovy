// A build after a clean one, with a broken spec: the goal that fails first (generate) rewrites the validation
// reports, so CI uploads the error and not the last good run's "0 errors"; its failure line names the report.
def log = new File(basedir, 'build.log').text
assert log.count('BUILD SUCCESS') == 1 && log.count('BUILD FAILURE') == 1
def second = log.substring(log.indexOf('BUILD SUCCESS'))
assert second =~ /\[ERROR\] src\/main\/spec\/broken\.json:12:\d+: error\[SP210\] unknown test 'not_nul'/
assert second =~ /--- spec-pipeline:[^:]+:generate \(spec-pipeline\)/
assert second.contains('spec src/main/spec/broken.json has 1 error; no code was generated; see target/spec-pipeline/validation/report.json')
assert !(second =~ /:validate \(spec-pipeline\)/) : 'validate ran: generate should have failed the build first'
assert !log.contains('\tat ')

def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/spec-pipeline/validation/report.json'))
assert report.spec == 'src/main/spec/broken.json'
assert report.summary.errors == 1
assert report.diagnostics*.code == ['SP210']
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/spec-pipeline/validation/report.sarif'))
assert sarif.runs[0].results*.ruleId == ['SP210']
