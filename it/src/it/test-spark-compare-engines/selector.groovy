// Runs only where the build created its Python environment (pyspark); without python3 the build warned once and
// skips the Spark ITs, except with CI=true, where a missing environment already failed the build.
def python = new File(buildPython)
if (!python.canExecute()) {
    println "[WARNING] SKIPPED ${basedir.name}: no Python environment at ${python}"
    return false
}
return true
