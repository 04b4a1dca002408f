// Bad input of every kind: a located message, a failed build, never a stack trace.
def log = new File(basedir, 'build.log').text
assert log.contains('truncated.json:4:1: error[SP003] invalid JSON: ')
assert log =~ /latin1\.json:1:\d+: error\[SP002\] invalid UTF-8 byte 0xFF/
assert log.contains('missing.json: error[SP001] file not found: ')
// a directory is read as a spec directory (one file per model): without spec.json it says so
assert log.contains('a-directory: error[SP107] spec directory a-directory has no spec.json')
assert log.count('BUILD FAILURE') == 4
assert !log.contains('\tat ')
