package io.github.specpipeline.core.bench;

import io.github.specpipeline.core.export.ExportFormat;
import io.github.specpipeline.core.export.SpecReview;
import io.github.specpipeline.core.io.OutputDirectory;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.sql.ColumnRef;
import io.github.specpipeline.core.task.ExportTask;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the review exports on a synthetic spec ({@link SyntheticSpecs}). Not a test: run it with
 * {@code ./mvnw -pl spec-core -Pbenchmark -DskipTests verify} (see {@code src/site/markdown/performance.md}), which
 * forks a JVM with {@code -Xmx${bench.xmx}} and passes:
 *
 * <pre>
 * ExportBenchmark [models=1000] [seed=42] [warmups=3] [iterations=5] [dir=target/bench]
 * </pre>
 *
 * With {@code iterations=0} it only writes the spec (to time the Maven goal on it, e.g. with 10,000 models).
 *
 * It writes the spec and its DDL to {@code dir/spec-<models>/} (for timing the Maven goal as a whole process),
 * loads and validates it (timed, cold then warm), then times each export format and all four together, warm-up
 * runs first. Figures are wall-clock milliseconds on this JVM: medians and minima over the measured runs.
 */
public final class ExportBenchmark {
    private ExportBenchmark() {}

    public static void main(String[] args) throws Exception {
        int models = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42L;
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Path dir = Path.of(args.length > 4 ? args[4] : "target/bench").toAbsolutePath();

        Path specDir = dir.resolve("spec-" + models);
        long t0 = System.nanoTime();
        SyntheticSpecs.Generated g = SyntheticSpecs.generate(models, seed);
        Path spec = g.writeTo(specDir);
        System.out.printf(
                Locale.ROOT,
                "synthetic spec: %d models, %d columns, %.1f MB, %d DDL files -> %s (%d ms)%n",
                g.models(),
                g.columns(),
                g.specJson().length() / 1e6,
                g.ddlFiles().size(),
                spec,
                ms(t0));
        System.out.printf(
                Locale.ROOT,
                "JVM: %s %s, max heap %d MB, %d processors%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());

        SpecInput input = new SpecInput(spec, specDir.resolve("source_ddl"), specDir);
        if (iterations <= 0) {
            System.out.printf(
                    Locale.ROOT,
                    "iterations=0: spec written, nothing timed. To time the Maven goal on it:%n  %s%n",
                    mavenCommand(spec, specDir, dir, models));
            return;
        }
        Map<String, List<ColumnRef>> fragments = new HashMap<>();
        SpecLoader.Result load = null;
        List<Long> loads = new ArrayList<>();
        for (int i = 0; i < Math.max(1, Math.min(warmups, 2)) + 1; i++) {
            fragments.clear();
            long t = System.nanoTime();
            load = SpecLoader.load(input, (pointer, f) -> {
                if (pointer.endsWith("/transform") || pointer.endsWith("/formula")) {
                    fragments.put(pointer, f.columns());
                }
            });
            loads.add(ms(t));
        }
        System.out.printf(
                Locale.ROOT,
                "load + validate: first %d ms, then %s ms (%d diagnostics, errors: %s)%n",
                loads.get(0),
                loads.subList(1, loads.size()),
                load.diagnostics().size(),
                load.hasErrors());

        Path out = dir.resolve("out-" + models);
        OutputDirectory od = new OutputDirectory(out);
        Instant ts = ExportTask.DEFAULT_TIMESTAMP;
        String[] names = {"review model", "xlsx", "csv", "mermaid", "html", "all four, fresh dir", "all four, same dir"
        };
        List<List<Long>> times = new ArrayList<>();
        for (int k = 0; k < names.length; k++) {
            times.add(new ArrayList<>());
        }
        for (int i = 0; i < warmups + iterations; i++) {
            long t = System.nanoTime();
            SpecReview review = SpecReview.of(load.spec().orElseThrow(), fragments);
            long tReview = ms(t);
            long[] single = new long[4];
            long[] cpu = new long[4];
            ExportFormat[] formats = ExportFormat.values();
            for (int f = 0; f < formats.length; f++) {
                long c = THREADS.getCurrentThreadCpuTime();
                t = System.nanoTime();
                ExportTask.export(review, od, EnumSet.of(formats[f]), ts);
                single[f] = ms(t);
                cpu[f] = (THREADS.getCurrentThreadCpuTime() - c) / 1_000_000;
            }
            Path fresh = dir.resolve("fresh-" + models);
            deleteTree(fresh);
            long processCpu = processCpu();
            t = System.nanoTime();
            SpecReview r1 = SpecReview.of(load.spec().orElseThrow(), fragments);
            List<ExportTask.Written> freshParts =
                    ExportTask.export(r1, new OutputDirectory(fresh), EnumSet.allOf(ExportFormat.class), ts);
            long tFresh = ms(t);
            StringBuilder parts = new StringBuilder();
            for (ExportTask.Written w : freshParts) {
                parts.append(parts.length() == 0 ? "" : ", ")
                        .append(w.format().id())
                        .append(' ')
                        .append(w.millis());
            }
            long freshCpu = (processCpu() - processCpu) / 1_000_000;
            t = System.nanoTime();
            SpecReview r2 = SpecReview.of(load.spec().orElseThrow(), fragments);
            ExportTask.export(r2, od, EnumSet.allOf(ExportFormat.class), ts);
            long tSame = ms(t);
            boolean measured = i >= warmups;
            System.out.printf(
                    Locale.ROOT,
                    "%s %d: review %d, xlsx %d (cpu %d), csv %d (cpu %d), mermaid %d (cpu %d),"
                            + " html %d (cpu %d); all four in parallel (review included): fresh dir %d (process cpu %d),"
                            + " same dir %d ms (fresh dir by format: %s)%n",
                    measured ? "run   " : "warmup",
                    measured ? i - warmups + 1 : i + 1,
                    tReview,
                    single[0],
                    cpu[0],
                    single[1],
                    cpu[1],
                    single[2],
                    cpu[2],
                    single[3],
                    cpu[3],
                    tFresh,
                    freshCpu,
                    tSame,
                    parts);
            if (measured) {
                long[] v = {tReview, single[0], single[1], single[2], single[3], tFresh, tSame};
                for (int k = 0; k < v.length; k++) {
                    times.get(k).add(v[k]);
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%nexports of %d models / %d columns, %d measured runs after %d warm-up runs"
                        + " (single formats: one after the other; 'same dir' skips files whose bytes did not change):%n",
                g.models(),
                g.columns(),
                iterations,
                warmups);
        for (int k = 0; k < names.length; k++) {
            List<Long> v = new ArrayList<>(times.get(k));
            v.sort(null);
            System.out.printf(
                    Locale.ROOT, "  %-20s median %5d ms   min %5d ms%n", names[k], v.get(v.size() / 2), v.get(0));
        }
        System.out.printf(
                Locale.ROOT,
                "sizes: xlsx %.1f MB, csv %d files, mermaid %d files, html %.1f MB%n",
                Files.size(out.resolve("review/spec-review.xlsx")) / 1e6,
                count(out.resolve("review/csv")),
                count(out.resolve("review/mermaid")),
                Files.size(out.resolve("review/index.html")) / 1e6);

        // the whole task, as the Maven goal runs it (validation included), in this warm JVM
        long t = System.nanoTime();
        ExportTask.Result r = ExportTask.run(
                new ExportTask.Options(input, dir.resolve("task-" + models), null, true, null), SpecLog.NONE);
        System.out.printf(
                Locale.ROOT, "ExportTask.run (load, validate, all formats), warm JVM: %d ms: %s%n", ms(t), r.summary());
        System.out.printf(
                Locale.ROOT,
                "%nTo time the whole Maven process (run ./mvnw install first):%n  %s%n",
                mavenCommand(spec, specDir, dir, models));
    }

    private static String mavenCommand(Path spec, Path specDir, Path dir, int models) {
        return String.format(
                Locale.ROOT,
                "time ./mvnw -q -o io.github.specpipeline:spec-pipeline-maven-plugin:%s:export"
                        + " -Dspecpipeline.spec=%s -Dspecpipeline.sourceDdl=%s -Dspecpipeline.outputDirectory=%s"
                        + " -Dspecpipeline.force=true",
                io.github.specpipeline.core.Version.get(),
                spec,
                specDir.resolve("source_ddl"),
                dir.resolve("mvn-" + models));
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of the whole process (all threads, GC and JIT included), in ns; -1 when the JVM cannot tell. */
    private static long processCpu() {
        java.lang.management.OperatingSystemMXBean os =
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static long count(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.count();
        }
    }
}
