package io.github.specpipeline.core.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Times loading and validating a spec directory ({@code spec.json} plus one file per model) in one JVM, run after
 * run, so that the later runs are warm. Not a test: {@code src/site/markdown/performance.md} has the figures and
 * the commands. The directory is the {@link SyntheticSpecs} spec of that size split into files; it is written on
 * the first call (which needs more heap than the load: run {@code prepare} once without {@code -Xmx512m}).
 *
 * <pre>
 * SpecDirectoryBenchmark prepare [models=10000] [seed=42] [dir=target/bench]
 * SpecDirectoryBenchmark [models=10000] [runs=5] [dir=target/bench]
 * </pre>
 *
 * With {@code -Dspecpipeline.googleSql=false} validation runs without BigQuery's analyzer; with
 * {@code -Dbench.alsoFile=true} every run also loads the same spec as one file, for what the directory costs; with
 * {@code -Dbench.releaseCache=true} the SQL parse cache is emptied before each run (the JIT stays warm, the
 * fragments are parsed as on a spec's first load in a JVM); with {@code -Dbench.diagnostics=FILE} each run writes its diagnostics to FILE (one per line: as printed, the pointer, the hint), to compare two
 * versions of the code. Prints one line per run: the wall-clock, process CPU and main thread CPU milliseconds, the diagnostics and
 * the heap in use after the run (after a GC), and at the end the peak heap of the whole process.
 */
public final class SpecDirectoryBenchmark {
    private SpecDirectoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        boolean prepare = args.length > 0 && args[0].equals("prepare");
        int a = prepare ? 1 : 0;
        int models = args.length > a ? Integer.parseInt(args[a]) : 10_000;
        if (prepare) {
            long seed = args.length > a + 1 ? Long.parseLong(args[a + 1]) : 42L;
            Path dir =
                    Path.of(args.length > a + 2 ? args[a + 2] : "target/bench").toAbsolutePath();
            Path spec = directory(dir, models);
            split(SyntheticSpecs.generate(models, seed).writeTo(dir.resolve("file-spec-" + models)), spec);
            System.out.println("wrote " + spec);
            return;
        }
        int runs = args.length > a + 1 ? Integer.parseInt(args[a + 1]) : 5;
        Path dir = Path.of(args.length > a + 2 ? args[a + 2] : "target/bench").toAbsolutePath();
        Path spec = directory(dir, models);
        if (!Files.isDirectory(spec)) {
            throw new IllegalStateException("run 'SpecDirectoryBenchmark prepare " + models + "' first");
        }
        Path ddl = dir.resolve("file-spec-" + models).resolve("source_ddl");
        boolean googleSql = !"false".equals(System.getProperty("specpipeline.googleSql"));
        SpecInput directory = new SpecInput(spec, ddl, dir).withGoogleSql(googleSql);
        // the same spec in one file, for the cost of the directory itself: each run loads both, in turn
        SpecInput file = new SpecInput(dir.resolve("file-spec-" + models).resolve("spec.json"), ddl, dir)
                .withGoogleSql(googleSql);
        boolean both = Boolean.getBoolean("bench.alsoFile");
        for (int i = 1; i <= runs * (both ? 2 : 1); i++) {
            SpecInput input = both && i % 2 == 0 ? file : directory;
            int r = both ? (i + 1) / 2 : i;
            if (Boolean.getBoolean("bench.releaseCache")) {
                // every run parses every fragment again, as the first load of a spec in a JVM does
                io.github.specpipeline.core.sql.SqlFragments.releaseCache();
            }
            long t = System.nanoTime();
            long cpu = processCpuNanos();
            long mainCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            SpecLoader.Result result = SpecLoader.load(input);
            long ms = (System.nanoTime() - t) / 1_000_000;
            long cpuMs = (processCpuNanos() - cpu) / 1_000_000;
            // the load's own thread: without the JIT compiler's and the collector's threads, which on a loaded
            // machine still compile in the later runs and make the process figure noisy
            long mainCpuMs = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - mainCpu) / 1_000_000;
            String dump = System.getProperty("bench.diagnostics");
            if (dump != null) {
                // every diagnostic as the build prints it, to compare two versions of the code on the same spec
                StringBuilder text = new StringBuilder();
                for (io.github.specpipeline.core.diag.Diagnostic d : result.diagnostics()) {
                    text.append(d)
                            .append('\t')
                            .append(d.pointer())
                            .append('\t')
                            .append(d.hint())
                            .append('\n');
                }
                Files.writeString(Path.of(dump), text, StandardCharsets.UTF_8);
            }
            int loaded = result.spec().map(s -> s.spec().models().size()).orElse(0);
            long errors = result.count(io.github.specpipeline.core.diag.Severity.ERROR);
            long diagnostics = result.diagnostics().size();
            result = null; // let the GC take it before measuring what stays
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
            System.out.printf(
                    Locale.ROOT,
                    "run %d %s: %d ms (process CPU %d ms, main thread %d ms), %d models, %d diagnostics (%d errors),"
                            + " heap after %d MB%n",
                    r,
                    input == file ? "file" : "directory",
                    ms,
                    cpuMs,
                    mainCpuMs,
                    loaded,
                    diagnostics,
                    errors,
                    used);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "max heap %d MB, peak heap (sum of pools) %d MB%n",
                Runtime.getRuntime().maxMemory() >> 20,
                peak >> 20);
    }

    /** CPU time of the whole process (every thread, the collector's too), or 0 where the JVM does not say. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    private static Path directory(Path dir, int models) {
        return dir.resolve("dir-spec-" + models);
    }

    /** Splits a spec file into spec.json and models/NNNNN_name.json, reading one model at a time. */
    static void split(Path specFile, Path into) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Files.createDirectories(into.resolve("models"));
        ObjectNode top = json.createObjectNode();
        try (JsonParser p = new JsonFactory(json).createParser(specFile.toFile())) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (!name.equals("models")) {
                    top.set(name, p.readValueAsTree());
                    continue;
                }
                int i = 0;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    JsonNode model = p.readValueAsTree();
                    String file = String.format(
                            Locale.ROOT, "%05d_%s.json", i++, model.path("name").asText());
                    Files.writeString(
                            into.resolve("models").resolve(file),
                            json.writerWithDefaultPrettyPrinter().writeValueAsString(model) + "\n",
                            StandardCharsets.UTF_8);
                }
            }
        }
        Files.writeString(
                into.resolve("spec.json"),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(top) + "\n",
                StandardCharsets.UTF_8);
    }
}
