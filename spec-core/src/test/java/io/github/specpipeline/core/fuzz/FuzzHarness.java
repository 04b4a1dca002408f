package io.github.specpipeline.core.fuzz;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.generate.duckdb.DuckDbGenerator;
import io.github.specpipeline.core.task.ExportTask;
import io.github.specpipeline.core.task.GenerateTask;
import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import io.github.specpipeline.core.task.TestTask;
import io.github.specpipeline.core.task.ValidateTask;
import io.github.specpipeline.core.testrun.SeedProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Runs one fuzz input through the core's tasks and checks the invariant of issue 17: each task ends in a result
 * or in located diagnostics, within a time bound, writes only inside its output directory, leaves no temporary
 * file behind, and does the same on a second run (same diagnostics, same output bytes).
 *
 * <p>Each task runs on a worker thread so that a hang is caught preemptively. A hung worker cannot be left
 * spinning (the machine is shared and hangs in JSqlParser run for minutes), so after an interrupt it is stopped
 * with {@code Thread.stop}, which Java 17 still allows; on a JVM that refuses, it is left as a daemon.
 */
public final class FuzzHarness {
    /** The goals, in the order a Maven build runs them (generate-sources, generate-resources, verify). */
    public enum Task {
        GENERATE,
        EXPORT,
        VALIDATE,
        TEST
    }

    public enum Kind {
        OK,
        CRASH,
        HANG,
        UNLOCATED,
        OUTSIDE_WRITE,
        LEFTOVER_TEMP,
        NONDETERMINISTIC
    }

    /**
     * What became of one input.
     *
     * @param signature groups findings with one cause: kind, task and the first frames that matter
     * @param notes     things worth counting that do not break the invariant (an exception turned into a summary)
     */
    public record Verdict(Kind kind, Task task, String detail, String signature, List<String> notes) {
        static Verdict ok(List<String> notes) {
            return new Verdict(Kind.OK, null, "", "", notes);
        }

        public boolean ok() {
            return kind == Kind.OK;
        }
    }

    /** Errors that concern a whole file and so have no line: unreadable, not UTF-8, empty. */
    static final Set<DiagnosticCode> FILE_LEVEL =
            EnumSet.of(DiagnosticCode.SP001, DiagnosticCode.SP002, DiagnosticCode.SP004);

    /**
     * SP007 is located for a statement that does not parse, and has no line when it concerns the whole DDL folder or
     * file (no {@code *.sql} files, unreadable): that passes, but is counted as a note so that the figures show it.
     */
    static boolean fileLevelDdl(Diagnostic d) {
        return d.code() == DiagnosticCode.SP007 && d.line() == 0;
    }

    /** The run time the test goal gets, as from {@code project.build.outputTimestamp}: its output is then reproducible. */
    static final java.time.Instant RUN_AT = java.time.Instant.parse("2026-01-01T00:00:00Z");

    private final Duration timeout;
    /** Wall time and runs per task, for the figures. */
    private final Map<Task, long[]> time = new java.util.EnumMap<>(Task.class);

    public FuzzHarness(Duration timeout) {
        this.timeout = timeout;
    }

    /** CPU time {@code t} has used; the largest long where the JVM does not measure it (the bound is then wall-clock only). */
    private static long cpuNanos(Thread t) {
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId());
        return cpu < 0 ? Long.MAX_VALUE : cpu;
    }

    /** Per task: total nanoseconds and number of runs so far. */
    public Map<Task, long[]> time() {
        return time;
    }

    /** What one task run left to compare: its diagnostics and seed problems, formatted. */
    private record TaskOutcome(List<String> findings, List<String> unlocated, String note) {}

    /**
     * Runs {@code c} in {@code root} (which must be empty and is not cleaned up): the project in {@code project/},
     * the tasks' output in {@code out/}; with {@code twice}, once more into a fresh {@code out/} for determinism.
     */
    public Verdict run(FuzzCase c, Set<Task> tasks, Path root, boolean twice) throws IOException {
        Path project = root.resolve("project");
        Path out = root.resolve("out");
        c.writeProject(project);
        Map<String, String> before = snapshot(root, out);
        List<String> notes = new ArrayList<>();
        Map<Task, List<String>> first = new TreeMap<>();
        Verdict v = runAll(tasks, project, out, first, notes);
        if (v != null) {
            return v;
        }
        v = checkWrites(root, out, before);
        if (v != null) {
            return v;
        }
        if (twice) {
            Map<String, byte[]> firstFiles = files(out);
            if (Files.exists(out)) {
                // a task may write nothing at all (a test run stopped by bad seeds)
                Files.move(out, root.resolve("out.1"));
            }
            Map<String, String> again = snapshot(root, out);
            Map<Task, List<String>> second = new TreeMap<>();
            v = runAll(tasks, project, out, second, new ArrayList<>());
            if (v != null) {
                return v;
            }
            v = checkWrites(root, out, again);
            if (v != null) {
                return v;
            }
            for (Task t : tasks) {
                if (!Objects.equals(first.get(t), second.get(t))) {
                    return new Verdict(
                            Kind.NONDETERMINISTIC,
                            t,
                            "diagnostics differ:\n" + first.get(t) + "\n" + second.get(t),
                            "nondeterministic " + t + " diagnostics",
                            notes);
                }
            }
            String diff = firstDifference(firstFiles, files(out));
            if (diff != null) {
                return new Verdict(
                        Kind.NONDETERMINISTIC, null, diff, "nondeterministic output " + diff.split(":")[0], notes);
            }
        }
        return Verdict.ok(notes);
    }

    private Verdict runAll(
            Set<Task> tasks, Path project, Path out, Map<Task, List<String>> findings, List<String> notes) {
        for (Task t : Task.values()) {
            if (!tasks.contains(t)) {
                continue;
            }
            AtomicReference<TaskOutcome> result = new AtomicReference<>();
            AtomicReference<Throwable> error = new AtomicReference<>();
            Thread worker = new Thread(
                    () -> {
                        try {
                            result.set(runTask(t, project, out));
                        } catch (Throwable e) {
                            error.set(e);
                        }
                    },
                    "fuzz-" + t.name().toLowerCase(java.util.Locale.ROOT));
            worker.setDaemon(true);
            long t0 = System.nanoTime();
            worker.start();
            try {
                worker.join(timeout.toMillis());
                // a worker that got little of the processor in that time (a loaded machine, a stalled disk) is given
                // more, up to ten times the bound: a hang of the kind issue 17 found burns the processor, so it
                // still ends here once it has used half the bound of CPU
                long hardStop = t0 + timeout.toNanos() * 10;
                while (worker.isAlive() && cpuNanos(worker) < timeout.toNanos() / 2 && System.nanoTime() < hardStop) {
                    worker.join(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long[] spent = time.computeIfAbsent(t, k -> new long[2]);
            spent[0] += System.nanoTime() - t0;
            spent[1]++;
            if (worker.isAlive()) {
                StackTraceElement[] stack = worker.getStackTrace();
                long cpu =
                        java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(worker.getId());
                stop(worker);
                return new Verdict(
                        Kind.HANG,
                        t,
                        String.format(
                                        java.util.Locale.ROOT,
                                        "no result after %d s (the worker used %.1f s of CPU itself); it was at:%n",
                                        (System.nanoTime() - t0) / 1_000_000_000L,
                                        cpu / 1e9)
                                + frames(stack, 25),
                        "hang in " + t + " at " + where(stack),
                        notes);
            }
            Throwable e = error.get();
            if (e != null) {
                return new Verdict(
                        Kind.CRASH,
                        t,
                        stackText(e),
                        "crash in " + t + ": " + e.getClass().getName() + " at " + where(e.getStackTrace()),
                        notes);
            }
            TaskOutcome o = result.get();
            if (!o.unlocated().isEmpty()) {
                return new Verdict(
                        Kind.UNLOCATED,
                        t,
                        String.join("\n", o.unlocated()),
                        "unlocated error in " + t + ": "
                                + o.unlocated().get(0).replaceAll("^[^\\[]*\\[(SP\\d+)].*$", "$1"),
                        notes);
            }
            if (o.note() != null) {
                notes.add(t + ": " + o.note());
            }
            findings.put(t, o.findings());
        }
        return null;
    }

    /** A Java class name of an exception, or a stack frame: what a user should never read in a message. */
    static final java.util.regex.Pattern INTERNAL = java.util.regex.Pattern.compile(
            "\\b(?:java|javax|net\\.sf|com\\.fasterxml|org\\.duckdb|org\\.apache)\\.[\\w.$]*(?:Exception|Error)\\b|\\n\\s*at [\\w.$]+\\(");

    private TaskOutcome runTask(Task t, Path project, Path out) throws IOException {
        RecordingLog log = new RecordingLog();
        TaskOutcome o = runTask(t, project, out, log);
        if (o.note() == null) {
            for (String line : log.lines) {
                java.util.regex.Matcher m = INTERNAL.matcher(line);
                if (m.find()) {
                    return new TaskOutcome(
                            o.findings(),
                            o.unlocated(),
                            "internal name in the log: " + m.group().trim());
                }
            }
        }
        return o;
    }

    private TaskOutcome runTask(Task t, Path project, Path out, RecordingLog log) throws IOException {
        Path ddl = project.resolve(FuzzCase.DDL);
        SpecInput input = SpecInput.of(project.resolve(FuzzCase.SPEC), ddl, false, project);
        return switch (t) {
            case VALIDATE ->
                outcome(
                        ValidateTask.run(new ValidateTask.Options(input, out, false), log)
                                .load(),
                        List.of(),
                        null);
            case GENERATE ->
                outcome(
                        GenerateTask.run(new GenerateTask.Options(input, out, EnumSet.allOf(Target.class)), log)
                                .load(),
                        List.of(),
                        null);
            case EXPORT -> {
                ExportTask.Result r = ExportTask.run(new ExportTask.Options(input, out, null, false, null), log);
                yield outcome(r.load().orElse(null), List.of(), null);
            }
            case TEST -> {
                TestTask.Result r = TestTask.run(
                        new TestTask.Options(input, project.resolve(FuzzCase.SEEDS), out, false)
                                // the product's own statement time-out, within the harness's bound (issue 17)
                                .withTestTimeout(timeout.dividedBy(3))
                                // a reproducible build's fixed time, as project.build.outputTimestamp gives the goal
                                .withRunAt(RUN_AT),
                        new DuckDbGenerator(),
                        log);
                String note = r.summary().contains("could not be generated")
                        ? "planner exception as summary: " + r.summary()
                        : null;
                yield outcome(r.load(), r.seedProblems(), note);
            }
        };
    }

    private static TaskOutcome outcome(SpecLoader.Result load, List<SeedProblem> seeds, String note) {
        List<String> all = new ArrayList<>();
        List<String> unlocated = new ArrayList<>();
        if (load != null) {
            for (Diagnostic d : load.diagnostics()) {
                all.add(d.format());
                if (d.isError() && fileLevelDdl(d) && note == null) {
                    note = "SP007 without a line: " + d.message().replaceAll("/\\S*/project/", ".../project/");
                }
                boolean located = !d.file().isEmpty()
                        && (d.line() > 0 && d.column() > 0 || FILE_LEVEL.contains(d.code()) || fileLevelDdl(d));
                if (d.isError() && !located) {
                    unlocated.add(d.format());
                }
            }
        }
        for (SeedProblem p : seeds) {
            all.add(p.format());
            if (p.file() == null || p.file().isEmpty()) {
                unlocated.add(p.format());
            }
        }
        return new TaskOutcome(all, unlocated, note);
    }

    private static Verdict checkWrites(Path root, Path out, Map<String, String> before) throws IOException {
        Map<String, String> after = snapshot(root, out);
        if (!after.equals(before)) {
            List<String> changed = new ArrayList<>();
            for (String k : after.keySet()) {
                if (!Objects.equals(after.get(k), before.get(k))) {
                    changed.add(k);
                }
            }
            before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(k -> changed.add(k + " (deleted)"));
            return new Verdict(
                    Kind.OUTSIDE_WRITE,
                    null,
                    String.join("\n", changed),
                    "write outside the output directory",
                    List.of());
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> walk = Files.walk(out)) {
                List<String> temps = walk.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith(".") && n.endsWith(".tmp"))
                        .toList();
                if (!temps.isEmpty()) {
                    return new Verdict(
                            Kind.LEFTOVER_TEMP,
                            null,
                            String.join("\n", temps),
                            "temporary file left in the output",
                            List.of());
                }
            }
        }
        return null;
    }

    /** Every path under {@code root} except {@code skip}, with size and modification time. */
    static Map<String, String> snapshot(Path root, Path skip) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> !p.startsWith(skip)).toList()) {
                BasicFileAttributes a =
                        Files.readAttributes(p, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                out.put(
                        root.relativize(p).toString(),
                        a.isDirectory()
                                ? "dir"
                                : a.size() + "@" + a.lastModifiedTime().toMillis());
            }
        }
        return out;
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(p).toString();
                byte[] bytes = Files.readAllBytes(p);
                if (name.endsWith(".xml") && name.contains("test-reports")) {
                    // JUnit XML carries the measured times, the one part that may differ between runs
                    bytes = Text.utf8(Text.utf8(bytes).replaceAll("time=\"[0-9.]+\"", "time=\"\""));
                }
                out.put(name, bytes);
            }
        }
        return out;
    }

    private static String firstDifference(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return "file lists differ: " + a.keySet() + " vs " + b.keySet();
        }
        for (String k : a.keySet()) {
            if (!Arrays.equals(a.get(k), b.get(k))) {
                String[] x = Text.utf8(a.get(k)).split("\n", -1);
                String[] y = Text.utf8(b.get(k)).split("\n", -1);
                int line = 0;
                while (line < Math.min(x.length, y.length) && x[line].equals(y[line])) {
                    line++;
                }
                String p = line < x.length ? x[line] : "";
                String q = line < y.length ? y[line] : "";
                int col = 0;
                while (col < Math.min(p.length(), q.length()) && p.charAt(col) == q.charAt(col)) {
                    col++;
                }
                int from = Math.max(0, col - 40);
                return k + ": bytes differ between two runs, from line " + (line + 1) + ", char " + (col + 1)
                        + ":\nfirst:  "
                        + Text.quote(p.substring(from, Math.min(p.length(), col + 120))) + "\nsecond: "
                        + Text.quote(q.substring(from, Math.min(q.length(), col + 120)));
            }
        }
        return null;
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread worker) {
        worker.interrupt();
        try {
            worker.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            try {
                worker.stop();
            } catch (UnsupportedOperationException e) {
                worker.setPriority(Thread.MIN_PRIORITY);
            }
        }
    }

    /** The first frame of our code and the frame above it: enough to tell causes apart. */
    static String where(StackTraceElement[] stack) {
        for (int i = 0; i < stack.length; i++) {
            if (stack[i].getClassName().startsWith("io.github.specpipeline")) {
                String ours = stack[i].getClassName().replaceFirst("^io\\.github\\.specpipeline\\.core\\.", "") + "."
                        + stack[i].getMethodName();
                String above = i > 0
                        ? " (in " + stack[i - 1].getClassName().replaceFirst("^.*\\.", "") + "."
                                + stack[i - 1].getMethodName() + ")"
                        : "";
                return ours + above;
            }
        }
        return stack.length == 0 ? "?" : stack[0].getClassName() + "." + stack[0].getMethodName();
    }

    private static String frames(StackTraceElement[] stack, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(max, stack.length); i++) {
            sb.append("\tat ").append(stack[i]).append('\n');
        }
        return sb.toString();
    }

    private static String stackText(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        String s = w.toString();
        return s.length() > 20_000 ? s.substring(0, 20_000) + "\n..." : s;
    }
}
