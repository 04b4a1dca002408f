package io.github.specpipeline.core.bench;

import io.github.specpipeline.core.export.ExportFormat;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.task.ExportTask;
import io.github.specpipeline.core.task.GenerateTask;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.ValidateTask;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;

/**
 * Times the goals of one build in a fresh JVM, as a Maven build runs them: {@code validate}, {@code generate} and
 * {@code export}, one after the other in the same JVM, on a synthetic spec ({@link SyntheticSpecs}). Not a test:
 * {@code src/site/markdown/performance.md} says how {@code bench-ab.sh} runs it once per variant of the code, in
 * turn, so that a performance trick is measured with and without it on the same loaded machine.
 *
 * <pre>
 * GoalsBenchmark [models=1000] [seed=42] [dir=target/bench]
 * </pre>
 *
 * With {@code -Dspecpipeline.googleSql=false} validation runs without BigQuery's analyzer (GoogleSQL), as the
 * build's switch of that name does: run both in turn to see what the analysis costs.
 *
 * Prints one line: the wall-clock milliseconds of each goal, their sum and the process CPU time.
 */
public final class GoalsBenchmark {
    private GoalsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int models = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42L;
        Path dir = Path.of(args.length > 2 ? args[2] : "target/bench").toAbsolutePath();
        Path specDir = dir.resolve("goals-spec-" + models);
        Path spec = specDir.resolve("spec.json");
        if (!Files.exists(spec)) {
            spec = SyntheticSpecs.generate(models, seed).writeTo(specDir);
        }
        SpecInput input = new SpecInput(spec, specDir.resolve("source_ddl"), specDir)
                .withGoogleSql(!"false".equals(System.getProperty("specpipeline.googleSql")));
        Path out = dir.resolve("goals-out-" + models);

        long t = System.nanoTime();
        ValidateTask.Result validated =
                ValidateTask.run(new ValidateTask.Options(input, out.resolve("validate"), false), SpecLog.NONE);
        long validate = ms(t);
        t = System.nanoTime();
        GenerateTask.Result generated =
                GenerateTask.run(new GenerateTask.Options(input, out.resolve("generate")), SpecLog.NONE);
        long generate = ms(t);
        t = System.nanoTime();
        ExportTask.Result exported = ExportTask.run(
                new ExportTask.Options(input, out.resolve("export"), EnumSet.allOf(ExportFormat.class), true, null),
                SpecLog.NONE);
        long export = ms(t);
        if (validated.failed() || generated.failed() || exported.failed()) {
            throw new IllegalStateException(
                    "a goal failed: " + validated.summary() + " / " + generated.summary() + " / " + exported.summary());
        }
        System.out.printf(
                Locale.ROOT,
                "validate %d generate %d export %d total %d cpu %d%n",
                validate,
                generate,
                export,
                validate + generate + export,
                processCpuMillis());
    }

    private static long processCpuMillis() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1_000_000
                : -1;
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
