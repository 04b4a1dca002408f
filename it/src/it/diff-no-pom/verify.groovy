// Without a pom the diff goal runs from the folder Maven is started in; outputs go to ./target/spec-pipeline.
def log = new File(basedir, 'build.log').text
def diff = new File(basedir, 'target/spec-pipeline/diff')
['report.md', 'report.json', 'report.sarif', 'migration.sql'].each {
    assert new File(diff, it).isFile() : "missing diff/${it}"
}
def md = new File(diff, 'report.md').text
assert md.startsWith('**Spec changes** in deep/specs/spec.json against deep/specs/base.json: 16 changes: 8 breaking, 4 non-breaking, 4 metadata (5 models).\n')
assert md.contains('| amount | transform changed | **breaking** |')
// one console line per breaking change, located in the current spec
assert log =~ /\[WARNING\] deep\/specs\/spec\.json:\d+:\d+: warning\[SP510\] breaking change against deep\/specs\/base\.json: stg_orders\.amount: transform changed \(hint: impacts int_orders\.amount_eur, fct_customers\.total\)/
assert log.contains('[INFO] diff of deep/specs/spec.json against deep/specs/base.json: 16 changes: 8 breaking, 4 non-breaking, 4 metadata; see target/spec-pipeline/diff/report.md')
// the second run fails on the breaking changes, naming them, without a stack trace
assert log.contains('spec-pipeline diff failed (failOn=breaking): deep/specs/spec.json against deep/specs/base.json has 16 changes: 8 breaking, 4 non-breaking, 4 metadata: stg_orders.amount: transform changed; stg_orders.code: type narrowed;')
assert !log.contains('at io.github.specpipeline')
assert new File(basedir, 'target/second/diff/report.json').isFile()
