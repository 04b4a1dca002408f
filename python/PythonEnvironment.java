import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Creates (or reuses) the build's pinned Python virtual environment for the Spark and dbt tests and links it at a
 * fixed path of the module's build directory, which surefire ({@code specpipeline.test.python}) and the invoker
 * ITs ({@code specpipeline.python}) are given. Run by exec-maven-plugin with Java's source launcher, so it needs
 * nothing compiled and works in the validate phase of any module.
 *
 * <p>The environment lives in {@code <cache>/<key>}, the key a hash of the requirements, the lock file and the
 * interpreter's version: a second clone, or a clean build, reuses it. It is built in place under an exclusive file
 * lock and marked complete last (a virtual environment cannot be moved: its scripts name their own path), so
 * concurrent modules and builds wait for one another, and a half-built environment (a killed build) is rebuilt.
 *
 * <p>No {@code python3}: one warning line and the link is removed, so the tests skip; with {@code CI=true} the
 * build fails instead. A failed {@code venv} or {@code pip}: one error line, the log's tail, exit 1.
 *
 * <p>Arguments: requirements file, constraints file, cache directory, link path, python command, skip flag.
 */
public final class PythonEnvironment {
    /** Bumped when the way the environment is built changes, so old cached ones are not reused. */
    private static final String LAYOUT = "1";

    private static final String COMPLETE = ".complete";

    /**
     * Where a failure is written ({@code <link>.error}) for the enforcer rule that fails the build with one line:
     * exec-maven-plugin prints a stack trace for a non-zero exit.
     */
    private static Path errorFile;

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            fail("usage: PythonEnvironment requirements constraints cacheDir link python skip");
        }
        Path requirements = Path.of(args[0]).toAbsolutePath();
        Path constraints = Path.of(args[1]).toAbsolutePath();
        Path cache = Path.of(args[2]).toAbsolutePath();
        Path link = Path.of(args[3]).toAbsolutePath();
        String python = args[4];
        boolean ci = "true".equals(System.getenv("CI"));
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        errorFile = link.resolveSibling(link.getFileName() + ".error");
        Files.deleteIfExists(errorFile);
        if (Boolean.parseBoolean(args[5])) {
            missing("skipped (specpipeline.python.skip=true)", ci);
            return;
        }
        String version = pythonVersion(python);
        if (version == null) {
            missing("no '" + python + "' on the PATH (or it is not Python 3.10+ with venv)", ci);
            return;
        }
        String key = key(Files.readAllBytes(requirements), Files.readAllBytes(constraints), version);
        Path env = cache.resolve(key);
        if (!Files.isRegularFile(env.resolve(COMPLETE))) {
            Files.createDirectories(cache);
            try (FileChannel channel = FileChannel.open(
                            cache.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                if (!Files.isRegularFile(env.resolve(COMPLETE))) {
                    create(python, version, env, requirements, constraints, cache.resolve(key + ".log"));
                }
            }
        } else {
            System.out.println("[INFO] Python environment (cached): " + env);
        }
        Files.createSymbolicLink(link, env);
    }

    /** {@code 3.11.7}, or null when the interpreter does not start or is too old for pyspark 4 and dbt. */
    private static String pythonVersion(String python) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(
                            python,
                            "-c",
                            "import sys, venv; print('%d.%d.%d' % sys.version_info[:3]);"
                                    + " sys.exit(0 if sys.version_info >= (3, 10) else 3)")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && out.matches("\\d+\\.\\d+\\.\\d+") ? out : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String key(byte[] requirements, byte[] constraints, String version)
            throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(("layout " + LAYOUT + "\npython " + version + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update(requirements);
        sha.update((byte) 0);
        sha.update(constraints);
        return "py" + version + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    private static void create(
            String python, String version, Path env, Path requirements, Path constraints, Path log)
            throws IOException, InterruptedException {
        if (Files.exists(env, LinkOption.NOFOLLOW_LINKS)) {
            System.out.println("[INFO] Removing a half-built Python environment: " + env);
            delete(env);
        }
        System.out.println("[INFO] Creating the Python " + version + " environment " + env + " from " + requirements
                + " (pip's log: " + log + "); this downloads about 500 MB once");
        long start = System.nanoTime();
        Files.deleteIfExists(log);
        run(List.of(python, "-m", "venv", env.toString()), log, "python3 -m venv (on Debian: apt-get install python3-venv)");
        Path envPython = env.resolve("bin").resolve("python");
        run(
                List.of(
                        envPython.toString(),
                        "-m",
                        "pip",
                        "install",
                        "--disable-pip-version-check",
                        "--no-input",
                        "-r",
                        requirements.toString(),
                        "-c",
                        constraints.toString()),
                log,
                "pip install");
        Files.writeString(env.resolve(COMPLETE), requirements + "\n");
        System.out.printf(
                "[INFO] Python environment created in %.0f s: %s%n", (System.nanoTime() - start) / 1e9, env);
    }

    private static void run(List<String> command, Path log, String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!p.waitFor(60, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(what + " did not finish in 60 minutes; see " + log);
        }
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.max(0, lines.size() - 15), lines.size())) {
                System.out.println("  | " + line);
            }
            fail(what + " failed (exit " + p.exitValue() + "); the whole log is " + log
                    + ". Build without the Spark and dbt tests: -Dspecpipeline.python.skip=true");
        }
    }

    private static void missing(String why, boolean ci) {
        if (ci) {
            fail("CI=true and no Python environment for the Spark and dbt tests: " + why);
        }
        System.out.println("[WARNING] No Python environment: " + why
                + "; the Spark and dbt tests are SKIPPED (with CI=true the build fails)");
    }

    private static void delete(Path dir) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path p : paths) {
            try {
                Files.delete(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void fail(String message) {
        System.out.println("[ERROR] " + message);
        if (errorFile != null) {
            try {
                Files.writeString(errorFile, message + "\n");
                System.exit(0);
            } catch (IOException e) {
                System.out.println("[ERROR] cannot write " + errorFile + ": " + e.getMessage());
            }
        }
        System.exit(1);
    }
}
