package io.github.specpipeline.core.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A fuzz run: makes inputs of the four families in turn from a seed, runs each through {@link FuzzHarness},
 * counts what happened per family, saves each failing input (a few per cause) for replay, and prints the figures.
 * Input {@code i} depends only on the seed and {@code i}, so any input can be made again.
 */
public final class FuzzSession {
    /**
     * @param seed           the random seed
     * @param tries          stop after this many inputs (0: no limit)
     * @param seconds        stop after this long (0: no limit)
     * @param limits         how big the mutations may get
     * @param timeout        the time bound per task
     * @param checkEvery     every n-th input runs twice for determinism (0: never)
     * @param exportEvery    every n-th input of the JSON, SQL and DDL families runs the export too (1: all)
     * @param findings       where failing inputs are saved (null: nowhere)
     * @param keepPerCause   the most inputs saved per cause
     * @param work           a scratch directory for the projects
     */
    public record Settings(
            long seed,
            int tries,
            long seconds,
            Limits limits,
            Duration timeout,
            int checkEvery,
            int exportEvery,
            Path findings,
            int keepPerCause,
            Path work) {}

    /** Figures per family. */
    public static final class Counts {
        public int inputs;
        public final Map<FuzzHarness.Kind, Integer> kinds = new EnumMap<>(FuzzHarness.Kind.class);
        public int notes;
        public int checkedTwice;
        public long nanos;

        public int failures() {
            return kinds.entrySet().stream()
                    .filter(e -> e.getKey() != FuzzHarness.Kind.OK)
                    .mapToInt(Map.Entry::getValue)
                    .sum();
        }
    }

    /** A cause: the findings with one signature. */
    public record Cause(
            String signature, FuzzHarness.Kind kind, int count, String firstId, String firstMutation, String detail) {}

    public record Report(
            Map<FuzzFamily, Counts> families,
            List<Cause> causes,
            Map<String, Integer> notes,
            Map<FuzzHarness.Task, long[]> taskTime,
            long nanos) {
        public int inputs() {
            return families.values().stream().mapToInt(c -> c.inputs).sum();
        }

        public int failures() {
            return families.values().stream().mapToInt(Counts::failures).sum();
        }

        public String text() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(
                    Locale.ROOT,
                    "spec-pipeline fuzz: %d inputs in %.1f s, %d failing%n",
                    inputs(),
                    nanos / 1e9,
                    failures()));
            sb.append(String.format(
                    Locale.ROOT,
                    "%-6s %7s %6s %6s %6s %9s %8s %6s %8s %8s%n",
                    "family",
                    "inputs",
                    "crash",
                    "hang",
                    "unloc",
                    "outside",
                    "nondet",
                    "temp",
                    "twice",
                    "s/input"));
            for (Map.Entry<FuzzFamily, Counts> e : families.entrySet()) {
                Counts c = e.getValue();
                sb.append(String.format(
                        Locale.ROOT,
                        "%-6s %7d %6d %6d %6d %9d %8d %6d %8d %8.2f%n",
                        e.getKey().id(),
                        c.inputs,
                        n(c, FuzzHarness.Kind.CRASH),
                        n(c, FuzzHarness.Kind.HANG),
                        n(c, FuzzHarness.Kind.UNLOCATED),
                        n(c, FuzzHarness.Kind.OUTSIDE_WRITE),
                        n(c, FuzzHarness.Kind.NONDETERMINISTIC),
                        n(c, FuzzHarness.Kind.LEFTOVER_TEMP),
                        c.checkedTwice,
                        c.inputs == 0 ? 0 : c.nanos / 1e9 / c.inputs));
            }
            sb.append("time per task run:");
            taskTime.forEach((t, v) -> sb.append(String.format(
                    Locale.ROOT,
                    " %s %.2f s (%d runs)",
                    t.name().toLowerCase(Locale.ROOT),
                    v[1] == 0 ? 0 : v[0] / 1e9 / v[1],
                    v[1])));
            sb.append('\n');
            if (!causes.isEmpty()) {
                sb.append("causes:\n");
                for (Cause c : causes) {
                    sb.append(String.format(
                            Locale.ROOT,
                            "  %4d x %s%n         first: %s: %s%n",
                            c.count(),
                            c.signature(),
                            c.firstId(),
                            c.firstMutation()));
                }
            }
            if (!notes.isEmpty()) {
                sb.append("notes (not failures):\n");
                notes.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %4d x %s%n", v, k)));
            }
            return sb.toString();
        }

        private static int n(Counts c, FuzzHarness.Kind k) {
            return c.kinds.getOrDefault(k, 0);
        }
    }

    private FuzzSession() {}

    public static Report run(Settings s, java.util.function.Consumer<String> progress) throws IOException {
        List<FuzzCase> bases = Corpus.bases();
        FuzzHarness harness = new FuzzHarness(s.timeout());
        Map<FuzzFamily, Counts> families = new EnumMap<>(FuzzFamily.class);
        for (FuzzFamily f : FuzzFamily.values()) {
            families.put(f, new Counts());
        }
        Map<String, Cause> causes = new LinkedHashMap<>();
        Map<String, Integer> notes = new TreeMap<>();
        long start = System.nanoTime();
        long deadline = s.seconds() > 0 ? start + s.seconds() * 1_000_000_000L : Long.MAX_VALUE;
        for (int i = 0; (s.tries() == 0 || i < s.tries()) && System.nanoTime() < deadline; i++) {
            FuzzFamily family = FuzzFamily.values()[i % FuzzFamily.values().length];
            FuzzCase c = make(s.seed(), i, family, bases, s.limits());
            Set<FuzzHarness.Task> tasks = tasks(family, i, s.exportEvery());
            // whole rounds of the four families, so that every family is checked for determinism
            boolean twice = s.checkEvery() > 0 && (i / FuzzFamily.values().length) % s.checkEvery() == 0;
            Path root = s.work().resolve(c.id());
            Files.createDirectories(root);
            long t0 = System.nanoTime();
            FuzzHarness.Verdict v = harness.run(c, tasks, root, twice);
            if (v.kind() == FuzzHarness.Kind.HANG) {
                // on a shared machine a slow run is not a hang: the input counts as one only if it also runs past
                // three times the bound on a second try (the hangs of issue 17 take from 20 s to many minutes)
                delete(root);
                Files.createDirectories(root);
                FuzzHarness.Verdict again = new FuzzHarness(s.timeout().multipliedBy(3)).run(c, tasks, root, false);
                if (again.kind() != FuzzHarness.Kind.HANG) {
                    List<String> slow = new ArrayList<>(again.notes());
                    slow.add("slow, not a hang: past " + s.timeout().toSeconds() + " s once, then " + again.kind()
                            + " within " + 3 * s.timeout().toSeconds() + " s (" + v.signature() + ")");
                    v = new FuzzHarness.Verdict(again.kind(), again.task(), again.detail(), again.signature(), slow);
                }
            }
            Counts counts = families.get(family);
            counts.nanos += System.nanoTime() - t0;
            counts.inputs++;
            counts.kinds.merge(v.kind(), 1, Integer::sum);
            if (twice && v.ok()) {
                counts.checkedTwice++;
            }
            for (String note : v.notes()) {
                counts.notes++;
                notes.merge(note.replaceAll("(?<!SP)\\d+", "N"), 1, Integer::sum);
            }
            if (!v.ok()) {
                Cause known = causes.get(v.signature());
                int count = known == null ? 1 : known.count() + 1;
                causes.put(
                        v.signature(),
                        known == null
                                ? new Cause(v.signature(), v.kind(), 1, c.id(), c.mutation(), v.detail())
                                : new Cause(
                                        known.signature(),
                                        known.kind(),
                                        count,
                                        known.firstId(),
                                        known.firstMutation(),
                                        known.detail()));
                progress.accept(c.id() + " " + v.kind() + " " + v.signature() + " <- " + c.mutation());
                if (s.findings() != null && count <= s.keepPerCause()) {
                    save(
                            s.findings().resolve(v.kind().name().toLowerCase(Locale.ROOT) + "-" + c.id()),
                            c,
                            v,
                            s.seed(),
                            i);
                }
            }
            delete(root);
        }
        List<Cause> sorted = new ArrayList<>(causes.values());
        sorted.sort(Comparator.comparing(Cause::count).reversed().thenComparing(Cause::signature));
        Report report = new Report(families, sorted, notes, harness.time(), System.nanoTime() - start);
        if (s.findings() != null && report.failures() > 0) {
            Files.createDirectories(s.findings());
            Files.writeString(s.findings().resolve("summary.txt"), report.text(), StandardCharsets.UTF_8);
        }
        return report;
    }

    /** Input {@code i} of a session: the same seed and index give the same bytes. */
    public static FuzzCase make(long seed, int i, FuzzFamily family, List<FuzzCase> bases, Limits limits) {
        Random r = new Random(seed * 1_000_003L + i);
        List<FuzzCase> usable = family == FuzzFamily.SEEDS
                ? bases.stream().filter(FuzzCase::hasSeeds).toList()
                : bases;
        FuzzCase base = usable.get(r.nextInt(usable.size()));
        return Mutator.of(family).mutate(base, r, limits, String.format(Locale.ROOT, "%s-%06d", family.id(), i));
    }

    /** Seeds only matter to the test goal; the export (the slowest, the workbook) runs on every n-th other input. */
    static Set<FuzzHarness.Task> tasks(FuzzFamily family, int i, int exportEvery) {
        if (family == FuzzFamily.SEEDS) {
            return EnumSet.of(FuzzHarness.Task.TEST);
        }
        EnumSet<FuzzHarness.Task> tasks = EnumSet.allOf(FuzzHarness.Task.class);
        if (exportEvery > 1 && (i / FuzzFamily.values().length) % exportEvery != 0) {
            tasks.remove(FuzzHarness.Task.EXPORT);
        }
        return tasks;
    }

    static void save(Path dir, FuzzCase c, FuzzHarness.Verdict v, long seed, int index) throws IOException {
        Map<String, String> extra = new TreeMap<>();
        extra.put("kind", v.kind().name());
        extra.put("task", String.valueOf(v.task()));
        extra.put("signature", v.signature());
        extra.put("seed", Long.toString(seed));
        extra.put("index", Integer.toString(index));
        c.save(dir, extra);
        Files.writeString(
                dir.resolve("finding.txt"),
                v.kind() + " in " + v.task() + "\n" + v.signature() + "\ninput: " + c.mutation() + "\n\n" + v.detail()
                        + "\n",
                StandardCharsets.UTF_8);
    }

    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
