package io.github.specpipeline.core.bench;

import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.python.TestPython;
import io.github.specpipeline.core.task.GenerateTask;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.TestTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * The same work on the example project (examples/shop-analytics), two ways, in turn: the {@code test} goal's task on
 * DuckDB (load the seeds, build the 6 models, run the data tests and unit tests) and dbt-duckdb on the project the
 * {@code generate} goal writes for it ({@code dbt seed}, then {@code dbt build}: models, snapshot, data tests, unit
 * tests). Not a test: {@code src/site/markdown/performance.md} gives the figures and how to run it.
 *
 * <pre>
 * DbtBenchmark [rounds=3] [dir=target/bench-dbt]    (dbt from -Dspecpipeline.test.python / SPECPIPELINE_PYTHON)
 * </pre>
 *
 * Prints one line per round: the goal's wall time (the first round includes loading DuckDB's native library, as
 * every Maven build pays), {@code dbt seed}, {@code dbt build} and their ratio to the goal.
 */
public final class DbtBenchmark {
    private DbtBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/bench-dbt").toAbsolutePath();
        String python = System.getProperty(TestPython.PROPERTY, System.getenv(TestPython.ENVIRONMENT));
        if (python == null) {
            throw new IllegalStateException("set -D" + TestPython.PROPERTY + " to the venv's python");
        }
        Path dbt = Path.of(python).resolveSibling("dbt");
        Path example = Path.of("../examples/shop-analytics").toAbsolutePath().normalize();
        SpecInput input = new SpecInput(
                example.resolve("src/main/spec/spec.json"), example.resolve("src/main/spec/source_ddl"), example);
        Path seeds = example.resolve("src/test/seeds");
        Path out = dir.resolve("out");
        GenerateTask.Result g = GenerateTask.run(
                new GenerateTask.Options(input, out, EnumSet.of(Target.DBT), seeds).withDbtAdapter("duckdb"),
                SpecLog.NONE);
        if (g.failed()) {
            throw new IllegalStateException(g.summary());
        }
        Path project = out.resolve("dbt");
        Files.createDirectories(project.resolve("seeds"));
        try (Stream<Path> s = Files.list(seeds)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".csv")).toList()) {
                Files.copy(f, project.resolve("seeds").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (int round = 1; round <= rounds; round++) {
            long t = System.nanoTime();
            TestTask.Result r =
                    TestTask.run(new TestTask.Options(input, seeds, dir.resolve("goal"), false), SpecLog.NONE);
            long goal = ms(t);
            if (r.failed()) {
                throw new IllegalStateException(r.summary());
            }
            Files.deleteIfExists(project.resolve("spec_pipeline.duckdb"));
            long seed = dbt(dbt, project, "seed");
            long build = dbt(dbt, project, "build", "--exclude", "resource_type:seed");
            System.out.printf(
                    "round %d: test goal %d ms (%d tests); dbt seed %d ms, dbt build %d ms; dbt/goal %.1fx (build only"
                            + " %.1fx)%n",
                    round,
                    goal,
                    r.results().total(),
                    seed,
                    build,
                    (seed + build) / (double) goal,
                    build / (double) goal);
        }
    }

    private static long dbt(Path dbt, Path project, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(dbt.toString(), "--no-version-check", "--no-use-colors"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(project.resolve("dbt-" + args[0] + ".log").toFile());
        pb.environment().put("DBT_PROFILES_DIR", project.toString());
        pb.environment().put("DBT_SEND_ANONYMOUS_USAGE_STATS", "false");
        long t = System.nanoTime();
        int exit = pb.start().waitFor();
        long ms = ms(t);
        if (exit != 0) {
            throw new IllegalStateException(
                    "dbt " + args[0] + " failed; see " + project.resolve("dbt-" + args[0] + ".log"));
        }
        return ms;
    }

    private static long ms(long t) {
        return (System.nanoTime() - t) / 1_000_000;
    }
}
