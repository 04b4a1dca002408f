package io.github.specpipeline.core.task;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.engine.bigquery.EngineUnavailableException;
import io.github.specpipeline.core.generate.duckdb.DuckDbGenerator;
import io.github.specpipeline.core.io.OutputDirectory;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.plan.DuckDbPlanner;
import io.github.specpipeline.core.testrun.ConsoleSummary;
import io.github.specpipeline.core.testrun.DuckDbEngine;
import io.github.specpipeline.core.testrun.DuckDbSession;
import io.github.specpipeline.core.testrun.EngineComparison;
import io.github.specpipeline.core.testrun.EngineName;
import io.github.specpipeline.core.testrun.GoogleSqlEngine;
import io.github.specpipeline.core.testrun.JUnitXmlWriter;
import io.github.specpipeline.core.testrun.ModelRowsCsv;
import io.github.specpipeline.core.testrun.RawTable;
import io.github.specpipeline.core.testrun.SeedLoader;
import io.github.specpipeline.core.testrun.SeedProblem;
import io.github.specpipeline.core.testrun.SparkConnection;
import io.github.specpipeline.core.testrun.SparkEngine;
import io.github.specpipeline.core.testrun.SparkUnavailableException;
import io.github.specpipeline.core.testrun.SyntheticData;
import io.github.specpipeline.core.testrun.TestEngine;
import io.github.specpipeline.core.testrun.TestResults;
import io.github.specpipeline.core.testrun.TestRunner;
import io.github.specpipeline.core.testrun.TestTimeout;
import io.github.specpipeline.core.testrun.UnitTestRunner;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The {@code test} goal: runs the spec's pipeline and every data test and unit test on an embedded, in-memory
 * DuckDB. Raw tables are created from the source DDL and filled from seed CSV files ({@code <table>.csv}) or,
 * for tables without a seed, with deterministic synthetic rows; the models are built in dependency order; the
 * results are logged and written as JUnit XML under {@code test-reports/}.
 */
public final class TestTask {
    /** Rows per table when synthetic data is made. */
    public static final int DEFAULT_SYNTHETIC_ROWS = 20;

    private TestTask() {}

    /**
     * @param input           the spec and source DDL
     * @param seeds           the folder of seed CSV files (may not exist: then every raw table gets synthetic rows)
     * @param outputDirectory the plugin's output directory; reports go to {@code test-reports/} in it
     * @param failIfNoTests   fail when the spec declares no test at all
     * @param syntheticRows   rows per raw table without a seed
     * @param testTimeout     how long one DuckDB statement may run before it is cancelled and its test fails; zero for
     *                        no limit
     * @param writeRows       write each built model's rows to {@code rows/duckdb/<model>.csv}
     * @param runAt           the run time of the build, or null for the wall clock: an SCD2 model's new versions are
     *                        valid from it, so a reproducible build ({@code project.build.outputTimestamp}) writes the
     *                        same rows, failing rows and JUnit XML on every run
     */
    public record Options(
            SpecInput input,
            Path seeds,
            Path outputDirectory,
            boolean failIfNoTests,
            int syntheticRows,
            Duration testTimeout,
            boolean writeRows,
            Instant runAt,
            EngineName engine,
            List<EngineName> compareEngines,
            SelectOptions selection,
            boolean skipIfUpToDate,
            SparkConnection spark) {
        /** The most rows a raw table without a seed may be given. */
        public static final int MAX_SYNTHETIC_ROWS = 1_000_000;

        public Options {
            if (testTimeout == null || testTimeout.isNegative()) {
                throw new IllegalArgumentException("testTimeout must be zero or positive");
            }
            if (syntheticRows < 1 || syntheticRows > MAX_SYNTHETIC_ROWS) {
                throw new IllegalArgumentException("specpipeline.syntheticRows must be between 1 and "
                        + MAX_SYNTHETIC_ROWS + ", not " + syntheticRows);
            }
            Objects.requireNonNull(engine, "engine");
            compareEngines = List.copyOf(compareEngines);
            selection = selection == null ? SelectOptions.ALL : selection;
            spark = spark == null ? SparkConnection.LOCAL : spark;
        }

        /** Every model, always run, the Spark engine (if used) on a local session with {@code python3}. */
        public Options(
                SpecInput input,
                Path seeds,
                Path outputDirectory,
                boolean failIfNoTests,
                int syntheticRows,
                Duration testTimeout,
                boolean writeRows,
                Instant runAt,
                EngineName engine,
                List<EngineName> compareEngines) {
            this(
                    input,
                    seeds,
                    outputDirectory,
                    failIfNoTests,
                    syntheticRows,
                    testTimeout,
                    writeRows,
                    runAt,
                    engine,
                    compareEngines,
                    SelectOptions.ALL,
                    false,
                    SparkConnection.LOCAL);
        }

        /**
         * Tests only what {@code selection} selects ({@code specpipeline.select}); {@code skipIfUpToDate} skips the run
         * when nothing changed since the last passing one (the goal's default; {@code specpipeline.force} turns it off).
         */
        public Options withSelection(SelectOptions selection, boolean skipIfUpToDate) {
            return with(c -> {
                c.selection = selection;
                c.skipIfUpToDate = skipIfUpToDate;
            });
        }

        /**
         * How the Spark engine reaches Spark: {@code specpipeline.python} (the interpreter with pyspark 4.x; blank
         * for {@code python3}) and {@code specpipeline.sparkRemote} ({@code sc://host:port}; blank for a local
         * session).
         */
        public Options withSpark(String python, String remote) {
            return with(c -> c.spark = new SparkConnection(python, remote, spark.startTimeout()));
        }

        /** The {@code specpipeline.testTimeout} text ({@code 60s}, {@code 2m}, {@code 0} for none) as a duration. */
        public static Duration parseTimeout(String text) {
            return TestTimeout.parse(text);
        }

        /** Options on DuckDB, comparing no engines. */
        public Options(
                SpecInput input,
                Path seeds,
                Path outputDirectory,
                boolean failIfNoTests,
                int syntheticRows,
                Duration testTimeout,
                boolean writeRows,
                Instant runAt) {
            this(
                    input,
                    seeds,
                    outputDirectory,
                    failIfNoTests,
                    syntheticRows,
                    testTimeout,
                    writeRows,
                    runAt,
                    EngineName.DUCKDB,
                    List.of());
        }

        public Options(SpecInput input, Path seeds, Path outputDirectory, boolean failIfNoTests, int syntheticRows) {
            this(input, seeds, outputDirectory, failIfNoTests, syntheticRows, TestTimeout.DEFAULT, false, null);
        }

        public Options(SpecInput input, Path seeds, Path outputDirectory, boolean failIfNoTests) {
            this(input, seeds, outputDirectory, failIfNoTests, DEFAULT_SYNTHETIC_ROWS);
        }

        public Options withTestTimeout(Duration timeout) {
            return with(c -> c.testTimeout = timeout);
        }

        public Options withWriteRows(boolean write) {
            return with(c -> c.writeRows = write);
        }

        public Options withRunAt(Instant at) {
            return with(c -> c.runAt = at);
        }

        /**
         * The engine the tests run on, as {@code specpipeline.engine} names it ({@code duckdb}, {@code bigquery}).
         *
         * @throws IllegalArgumentException naming the engines when {@code name} is none of them
         */
        public Options withEngine(String name) {
            return with(c -> c.engine = EngineName.parse(name, ENGINE_PROPERTY));
        }

        /**
         * The engines whose rows of every model must be the same, as {@code specpipeline.compareEngines} lists them
         * ({@code duckdb,bigquery}); empty for no comparison.
         *
         * @throws IllegalArgumentException for an unknown engine or a list of one
         */
        public Options withCompareEngines(String names) {
            return with(c -> c.compareEngines = EngineName.parseList(names, COMPARE_PROPERTY));
        }

        /** These options with what {@code change} sets: the one place a copy names every component. */
        private Options with(java.util.function.Consumer<Copy> change) {
            Copy c = new Copy(this);
            change.accept(c);
            return new Options(
                    c.input,
                    c.seeds,
                    c.outputDirectory,
                    c.failIfNoTests,
                    c.syntheticRows,
                    c.testTimeout,
                    c.writeRows,
                    c.runAt,
                    c.engine,
                    c.compareEngines,
                    c.selection,
                    c.skipIfUpToDate,
                    c.spark);
        }

        /** The components of {@link Options} as a {@code with...} method changes them before the copy is made. */
        private static final class Copy {
            final SpecInput input;
            final Path seeds;
            final Path outputDirectory;
            final boolean failIfNoTests;
            final int syntheticRows;
            Duration testTimeout;
            boolean writeRows;
            Instant runAt;
            EngineName engine;
            List<EngineName> compareEngines;
            SelectOptions selection;
            boolean skipIfUpToDate;
            SparkConnection spark;

            Copy(Options o) {
                input = o.input;
                seeds = o.seeds;
                outputDirectory = o.outputDirectory;
                failIfNoTests = o.failIfNoTests;
                syntheticRows = o.syntheticRows;
                testTimeout = o.testTimeout;
                writeRows = o.writeRows;
                runAt = o.runAt;
                engine = o.engine;
                compareEngines = o.compareEngines;
                selection = o.selection;
                skipIfUpToDate = o.skipIfUpToDate;
                spark = o.spark;
            }
        }

        /** Every engine the run starts: the test engine first, then the others compared. */
        public List<EngineName> engines() {
            List<EngineName> all = new ArrayList<>(List.of(engine));
            compareEngines.stream().filter(e -> !all.contains(e)).forEach(all::add);
            return all;
        }
    }

    /** The user property that chooses the engine. */
    public static final String ENGINE_PROPERTY = "specpipeline.engine";

    /** The user property that lists the engines to compare. */
    public static final String COMPARE_PROPERTY = "specpipeline.compareEngines";

    /**
     * What happened.
     *
     * @param results       the test results; null when nothing ran (invalid spec, bad seeds)
     * @param seedProblems  problems in the seed files
     * @param reports       the JUnit XML files written
     * @param failed        whether the build should fail
     * @param summary       one line saying why, or what passed
     * @param syntheticTables raw tables that got synthetic rows
     */
    public record Result(
            SpecLoader.Result load,
            TestResults results,
            List<SeedProblem> seedProblems,
            List<Path> reports,
            Set<String> syntheticTables,
            boolean failed,
            String summary) {}

    /** Runs the tests on DuckDB, from exactly the SQL the generate goal writes for the DuckDB target. */
    public static Result run(Options options, SpecLog log) throws IOException {
        return run(options, new DuckDbGenerator(), log);
    }

    public static Result run(Options options, DuckDbPlanner planner, SpecLog log) throws IOException {
        TaskRun task = new TaskRun("test", options.input(), options.outputDirectory(), log);
        return task.guard(() -> test(options, planner, log, task), bug -> failed(bug.load(), List.of(), bug.summary()));
    }

    /** Records what the last passing run read and wrote (under the output directory); see {@link #upToDateKey}. */
    public static final String STAMP = ".test-stamp";

    private static Result test(Options options, DuckDbPlanner planner, SpecLog log, TaskRun task) throws IOException {
        OutputDirectory stampDir = new OutputDirectory(options.outputDirectory());
        String key = upToDateKey(options);
        Path stamp = stampDir.resolve(STAMP);
        SpecInput in = options.input();
        if (options.skipIfUpToDate() && ExportTask.upToDate(stamp, key, stampDir)) {
            String summary = "tests of " + in.displayName(in.specFile()) + " are up to date: nothing changed since the"
                    + " last passing run (spec, source DDL, seeds, options, plugin version); its results are in "
                    + in.displayName(stampDir.resolve(JUnitXmlWriter.DIRECTORY))
                    + " (-Dspecpipeline.force=true reruns them)";
            return new Result(
                    new SpecLoader.Result(Optional.empty(), List.of()),
                    null,
                    List.of(),
                    List.of(),
                    Set.of(),
                    false,
                    summary);
        }
        Files.deleteIfExists(stamp);
        Result result = testNow(options, planner, log, task);
        if (!result.failed() && result.results() != null) {
            // only a passing run is remembered: a failing one must fail again on the next build
            ExportTask.writeStamp(stampDir, STAMP, key, result.reports());
        }
        return result;
    }

    /**
     * What decides a run's outcome: the plugin version, the spec and DDL, every seed file, the options, the selection
     * and its base. The wall clock is not in it: without a fixed {@code runAt} an SCD2 model's rows carry the run
     * time, but the tests' outcome does not depend on it.
     */
    static String upToDateKey(Options options) throws IOException {
        java.security.MessageDigest sha = ExportTask.sha256();
        ExportTask.update(sha, "spec-pipeline test 1");
        ExportTask.update(sha, "version=" + io.github.specpipeline.core.Version.get());
        ExportTask.digestInputs(sha, options.input());
        ExportTask.update(sha, "googleSql=" + options.input().googleSql());
        ExportTask.update(
                sha,
                "failIfNoTests=" + options.failIfNoTests() + " syntheticRows=" + options.syntheticRows()
                        + " testTimeout=" + options.testTimeout() + " writeRows=" + options.writeRows() + " runAt="
                        + options.runAt() + " engine=" + options.engine() + " compare=" + options.compareEngines());
        ExportTask.digestSelection(sha, options.selection(), options.input());
        Path seeds = options.seeds();
        ExportTask.update(sha, "seeds=" + (seeds == null ? "" : options.input().displayName(seeds)));
        if (seeds != null && Files.isDirectory(seeds)) {
            List<Path> files;
            try (java.util.stream.Stream<Path> walk = Files.walk(seeds)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                ExportTask.update(sha, "seed=" + seeds.relativize(f).toString().replace('\\', '/'));
                ExportTask.digestFile(sha, f);
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    private static Result testNow(Options options, DuckDbPlanner planner, SpecLog log, TaskRun task)
            throws IOException {
        Phases phases = new Phases();
        // one run time for every engine, so that SCD2 rows built on two engines compare equal
        Instant runAt = options.runAt() != null
                ? options.runAt()
                : Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        // the first DuckDB of a JVM loads a native library: do that while the spec is read and the SQL generated
        CompletableFuture<DuckDbSession> opening = CompletableFuture.supplyAsync(() -> {
            try {
                DuckDbSession session = DuckDbSession.open(options.testTimeout());
                session.execute("SET VARIABLE " + DuckDbGenerator.RUN_AT_VARIABLE + " = TIMESTAMPTZ '" + runAt + "'");
                return session;
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        });
        try {
            return run(options, planner, log, phases, opening, task, runAt);
        } finally {
            // closes the session if it was not used (invalid spec, bad seeds); closing twice is harmless
            opening.whenComplete((session, error) -> {
                if (session != null) {
                    try {
                        session.close();
                    } catch (SQLException e) {
                        // nothing to do: the in-memory database is gone either way
                    }
                }
            });
        }
    }

    private static Result run(
            Options options,
            DuckDbPlanner planner,
            SpecLog log,
            Phases phases,
            CompletableFuture<DuckDbSession> opening,
            TaskRun task,
            Instant runAt)
            throws IOException {
        SpecInput input = options.input();
        SpecLoader.Result load = task.loaded(SpecLoader.load(input));
        String file = input.displayName(input.specFile());
        if (load.hasErrors() || load.spec().isEmpty()) {
            ValidateTask.logDiagnostics(
                    load.diagnostics().stream().filter(Diagnostic::isError).toList(), log);
            return failed(
                    load,
                    List.of(),
                    "spec " + file + " has " + ValidateTask.plural(load.count(Severity.ERROR), "error")
                            + "; no test ran; see " + task.shownReport() + " for every finding");
        }
        List<Diagnostic> notDuckDb = DuckDbTranslation.problems(input, load);
        if (!notDuckDb.isEmpty()) {
            return failed(load, List.of(), DuckDbTranslation.fail(input, notDuckDb, log));
        }
        ValidatedSpec spec = load.spec().get();
        TaskSelection.Outcome selection = TaskSelection.resolve(options.selection(), input, spec);
        if (selection.failed()) {
            ValidateTask.logDiagnostics(selection.errors(), log);
            return failed(
                    load, List.of(), "the model selection cannot be applied to " + file + " (see above); no test ran");
        }
        Scope scope = Scope.ALL;
        if (selection.selected().isPresent()) {
            if (!options.compareEngines().isEmpty()) {
                return failed(
                        load,
                        List.of(),
                        "specpipeline.select and specpipeline.compareEngines cannot be used together yet: compare"
                                + " every model, or select without comparing");
            }
            List<String> selected = selection.selected().get();
            List<String> upstream = io.github.specpipeline.core.select.ModelSelection.upstreamOnly(
                    selected, spec.spec().models(), spec.graph());
            TaskSelection.logSelection("test", selected, spec.spec().models(), log);
            List<String> skipped = spec.spec().models().stream()
                    .map(io.github.specpipeline.core.model.Model::name)
                    .filter(n -> !selected.contains(n) && !upstream.contains(n))
                    .toList();
            log.info("spec-pipeline test: built from the seeds for the selected models, their tests not run: "
                    + (upstream.isEmpty() ? "none" : String.join(", ", upstream)) + "; not built: "
                    + (skipped.isEmpty() ? "none" : String.join(", ", skipped)));
            Set<String> build = new java.util.LinkedHashSet<>(selected);
            build.addAll(upstream);
            scope = new Scope(Set.copyOf(build), Set.copyOf(selected));
        }
        phases.mark("load spec");
        DuckDbPlan plan;
        try {
            plan = planner.plan(spec);
        } catch (RuntimeException e) {
            return failed(
                    load, List.of(), "the DuckDB pipeline could not be generated for " + file + ": " + e.getMessage());
        }
        Map<String, RawTable> raw = RawTable.resolve(spec, plan);
        Set<String> unread = new TreeSet<>();
        plan.rawTables().keySet().stream()
                .filter(t -> !raw.containsKey(t))
                .forEach(t -> unread.add(t.toLowerCase(Locale.ROOT)));
        List<String> noDdl = raw.values().stream()
                .filter(r -> r.columns().isEmpty())
                .map(RawTable::name)
                .toList();
        if (!noDdl.isEmpty()) {
            String where = input.sourceDdl() == null
                    ? "no source DDL was given (specpipeline.sourceDdl)"
                    : "the source DDL in " + input.displayName(input.sourceDdl()) + " does not declare "
                            + (noDdl.size() == 1 ? "it" : "them");
            return failed(
                    load,
                    List.of(),
                    "the test goal creates raw tables from their DDL, but " + where + ": " + String.join(", ", noDdl));
        }
        phases.mark("generate SQL");
        int modelsCount = spec.spec().models().size();
        int unitTests = spec.spec().models().stream()
                .mapToInt(m -> m.unitTests().size())
                .sum();
        log.info("spec-pipeline test: " + file + ": " + modelsCount + " model" + (modelsCount == 1 ? "" : "s") + ", "
                + plan.tests().size() + " data test" + (plan.tests().size() == 1 ? "" : "s") + ", " + unitTests
                + " unit test" + (unitTests == 1 ? "" : "s") + ", " + raw.size() + " raw table"
                + (raw.size() == 1 ? "" : "s")
                + (unread.isEmpty()
                        ? ""
                        : " (" + unread.size() + " more in the source DDL that no model reads are not created)"));

        TestResults results;
        Set<String> synthetic = new TreeSet<>();
        try (DuckDbSession session = open(opening)) {
            phases.mark("start DuckDB");
            String setupError = setup(session, plan, raw);
            if (setupError != null) {
                return failed(load, List.of(), setupError);
            }
            String seedsShown = options.seeds() == null
                    ? "(no seeds folder)"
                    : input.displayName(options.seeds())
                            + (java.nio.file.Files.exists(options.seeds()) ? "" : " (not found)");
            SeedLoader.Result seeds = SeedLoader.read(options.seeds(), raw, unread, input::displayName, session);
            if (!seeds.ok()) {
                seeds.problems().forEach(p -> log.error(p.format()));
                int n = seeds.problems().size();
                return failed(
                        load,
                        seeds.problems(),
                        n + " problem" + (n == 1 ? "" : "s") + " in the seed files under " + seedsShown
                                + "; no test ran");
            }
            SeedLoader.load(seeds, session);
            if (!seeds.unread().isEmpty()) {
                log.info("Seeds not loaded, no model reads their table: "
                        + String.join(
                                ", ",
                                seeds.unread().stream()
                                        .map(p -> p.getFileName().toString())
                                        .toList()));
            }
            Map<String, GoogleSqlEngine.RawRows> loaded = GoogleSqlEngine.RawRows.of(seeds);
            for (String name : raw.keySet()) {
                if (!seeds.seeds().containsKey(name)) {
                    synthetic.add(name);
                }
            }
            if (!synthetic.isEmpty()) {
                Map<String, List<String[]>> rows = new SyntheticData(spec, raw, options.syntheticRows(), 10)
                        .generate(synthetic, (table, column) -> seededValues(session, table, column));
                for (Map.Entry<String, List<String[]>> e : rows.entrySet()) {
                    RawTable r = raw.get(e.getKey());
                    loaded.put(
                            e.getKey(),
                            new GoogleSqlEngine.RawRows(
                                    r.columns().stream()
                                            .map(RawTable.Column::name)
                                            .toList(),
                                    e.getValue()));
                    session.insert(
                            r.qualifiedName(),
                            r.columns().stream().map(RawTable.Column::name).toList(),
                            r.columns().stream().map(RawTable.Column::type).toList(),
                            e.getValue());
                }
            }
            long seededRows = seeds.seeds().values().stream()
                    .mapToLong(s -> s.rows().size())
                    .sum();
            log.info("Seeds: " + seeds.seeds().size() + " table"
                    + (seeds.seeds().size() == 1 ? "" : "s") + ", " + seededRows
                    + " row" + (seededRows == 1 ? "" : "s") + " from " + seedsShown
                    + (synthetic.isEmpty()
                            ? ""
                            : "; synthetic rows (" + options.syntheticRows() + " each) for "
                                    + String.join(", ", synthetic)));
            phases.mark("load data");

            Map<EngineName, TestEngine> engines = new LinkedHashMap<>();
            engines.put(EngineName.DUCKDB, new DuckDbEngine(session, spec, plan, planner));
            try {
                if (options.engines().contains(EngineName.BIGQUERY)) {
                    try {
                        engines.put(EngineName.BIGQUERY, GoogleSqlEngine.start(spec, raw, loaded, runAt));
                    } catch (EngineUnavailableException e) {
                        log.error(e.getMessage());
                        return failed(load, List.of(), BIGQUERY_UNAVAILABLE + " (" + e.getMessage() + ")");
                    } catch (SQLException e) {
                        return failed(
                                load,
                                List.of(),
                                "the raw tables could not be loaded into GoogleSQL: "
                                        + DuckDbSession.firstLine(e.getMessage()));
                    }
                    phases.mark("start GoogleSQL");
                }
                if (options.engines().contains(EngineName.SPARK)) {
                    log.info("Starting Spark: " + options.spark().describe() + ", with "
                            + options.spark().python());
                    try {
                        SparkEngine spark =
                                SparkEngine.start(spec, raw, loaded, runAt, options.spark(), options.testTimeout());
                        engines.put(EngineName.SPARK, spark);
                        log.info("Spark " + spark.sparkVersion() + " started");
                    } catch (SparkUnavailableException e) {
                        return failed(load, List.of(), e.getMessage());
                    } catch (SQLException e) {
                        return failed(
                                load,
                                List.of(),
                                "the raw tables could not be loaded into Spark: "
                                        + DuckDbSession.firstLine(e.getMessage()));
                    }
                    phases.mark("start Spark");
                }
                results = runEngines(options, spec, raw, engines, phases, log, scope);
            } finally {
                engines.values().forEach(TestEngine::close);
            }
            session.stuck()
                    .ifPresent(sql ->
                            log.warn("DuckDB could not interrupt a statement that ran past specpipeline.testTimeout ("
                                    + TestTimeout.seconds(options.testTimeout())
                                    + " s), so the tests after it were skipped; it goes on in the"
                                    + " background until it ends or the JVM exits: " + sql));
        } catch (DuckDbSession.TimedOut | DuckDbSession.Busy e) {
            return failed(
                    load,
                    List.of(),
                    "loading the raw tables into DuckDB did not finish: " + DuckDbSession.firstLine(e.getMessage()));
        } catch (SQLException e) {
            throw new IOException("DuckDB failed: " + DuckDbSession.firstLine(e.getMessage()), e);
        }
        List<Path> reports =
                JUnitXmlWriter.write(results, options.engine().id(), new OutputDirectory(options.outputDirectory()));
        phases.mark("reports");
        results = new TestResults(results.suites(), phases.nanos);

        ConsoleSummary.log(results, log);
        log.info("Test reports: "
                + input.displayName(new OutputDirectory(options.outputDirectory()).resolve(JUnitXmlWriter.DIRECTORY))
                + " (" + reports.size() + " JUnit XML file" + (reports.size() == 1 ? "" : "s") + ")");
        log.info("Time: " + ConsoleSummary.timings(results));
        String totals = ConsoleSummary.totals(results);
        boolean failed = !results.ok();
        String summary;
        if (failed) {
            long bad = results.count(TestResults.Status.FAILED) + results.count(TestResults.Status.ERROR);
            List<String> names = new ArrayList<>();
            results.suites()
                    .forEach(s -> s.cases().stream()
                            .filter(c ->
                                    c.status() == TestResults.Status.FAILED || c.status() == TestResults.Status.ERROR)
                            .forEach(c -> names.add(c.name())));
            summary = bad + " of " + results.total() + " spec tests did not pass: " + abbreviate(names)
                    + (results.buildErrors() > 0
                            ? " (" + results.buildErrors() + " model" + (results.buildErrors() == 1 ? "" : "s")
                                    + " not built)"
                            : "")
                    + "; see the log above and "
                    + input.displayName(
                            new OutputDirectory(options.outputDirectory()).resolve(JUnitXmlWriter.DIRECTORY));
        } else if (results.total() == 0 && options.failIfNoTests()) {
            failed = true;
            summary = "the spec declares no data test and no unit test (failIfNoTests is set)";
        } else {
            summary = totals + String.format(Locale.ROOT, " in %.2f s", results.totalNanos() / 1e9);
            if (results.total() == 0) {
                log.warn("The spec declares no data test and no unit test; the models were built on DuckDB only");
            }
        }
        return new Result(load, results, List.of(), reports, synthetic, failed, summary);
    }

    private static DuckDbSession open(CompletableFuture<DuckDbSession> opening) throws IOException {
        try {
            return opening.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException("could not start the embedded DuckDB: " + cause.getMessage(), cause);
        }
    }

    /** Runs the plan's setup statements and creates the raw tables; returns a message when one fails. */
    private static String setup(DuckDbSession session, DuckDbPlan plan, Map<String, RawTable> raw) {
        for (String sql : plan.setupStatements()) {
            try {
                session.execute(sql);
            } catch (SQLException e) {
                return "a setup statement of the DuckDB pipeline failed: " + DuckDbSession.firstLine(e.getMessage())
                        + "\n" + sql;
            }
        }
        for (RawTable r : raw.values()) {
            String sql = r.createStatement();
            try {
                session.execute(sql);
            } catch (SQLException e) {
                return "raw table " + r.name() + " could not be created: " + DuckDbSession.firstLine(e.getMessage())
                        + "\n" + sql;
            }
        }
        return null;
    }

    /** The message when GoogleSQL's native engine does not load. */
    static final String BIGQUERY_UNAVAILABLE = "engine bigquery needs Linux x86_64 or macOS";

    /**
     * Builds and tests on the test engine, builds on the other engines compared and compares their rows. The
     * suites: per model of the test engine, then {@link EngineComparison#SUITE} when engines are compared.
     */
    private static TestResults runEngines(
            Options options,
            ValidatedSpec spec,
            Map<String, RawTable> raw,
            Map<EngineName, TestEngine> engines,
            Phases phases,
            SpecLog log,
            Scope scope)
            throws IOException {
        TestEngine primary = engines.get(options.engine());
        if (options.engine() != EngineName.DUCKDB || !options.compareEngines().isEmpty()) {
            log.info("Engine: " + describe(options.engine())
                    + (options.compareEngines().isEmpty()
                            ? ""
                            : "; comparing the rows of every model on "
                                    + String.join(
                                            " and ",
                                            options.compareEngines().stream()
                                                    .map(EngineName::id)
                                                    .toList())));
        }
        Map<EngineName, Map<String, TestRunner.Build>> builds = new LinkedHashMap<>();
        for (EngineName name : options.engines()) {
            TestEngine engine = engines.get(name);
            builds.put(name, new TestRunner(engine, spec, log).buildModels(scope.build()));
            phases.mark("build models" + (name == options.engine() ? "" : " on " + name.id()));
            if (options.writeRows()) {
                writeRows(engine, builds.get(name), options, log);
                phases.mark("write rows");
            }
        }
        TestRunner runner = new TestRunner(primary, spec, log);
        Map<String, TestRunner.Build> primaryBuilds = builds.get(options.engine());
        Map<String, List<TestResults.Case>> dataTests = runner.runDataTests(primaryBuilds, scope.test());
        phases.mark("data tests");
        Map<String, List<TestResults.Case>> unit = new UnitTestRunner(primary, spec, raw).runAll(scope.test());
        phases.mark("unit tests");
        List<TestResults.Suite> suites = new ArrayList<>(
                TestRunner.suites(spec, primary.models(), primaryBuilds, dataTests, unit, scope.test()));
        List<EngineName> compared = options.compareEngines();
        for (int i = 1; i < compared.size(); i++) {
            EngineName a = compared.get(0);
            EngineName b = compared.get(i);
            suites.add(EngineComparison.compare(
                    engines.get(a),
                    builds.get(a),
                    engines.get(b),
                    builds.get(b),
                    compared.size() == 2 ? EngineComparison.SUITE : EngineComparison.suiteName(a, b)));
        }
        if (!compared.isEmpty()) {
            phases.mark("compare engines");
        }
        return new TestResults(suites, phases.nanos);
    }

    /**
     * The models a run builds and the models whose tests it runs; null for every model. A selection builds the
     * selected models and the models they read (from the seeds), and tests only the selected ones.
     */
    private record Scope(Set<String> build, Set<String> test) {
        static final Scope ALL = new Scope(null, null);
    }

    private static String describe(EngineName engine) {
        return switch (engine) {
            case DUCKDB -> "DuckDB (the DuckDB target's SQL)";
            case BIGQUERY -> "GoogleSQL, BigQuery's reference implementation (the BigQuery SQL of Dataform and dbt)";
            case SPARK -> "Spark (the Spark SQL of the PySpark target)";
        };
    }

    /** Writes the built models' rows; a model whose rows cannot be read (a timeout) is named, not fatal. */
    private static void writeRows(TestEngine engine, Map<String, TestRunner.Build> builds, Options options, SpecLog log)
            throws IOException {
        Set<String> built = new TreeSet<>();
        builds.values().stream().filter(b -> b.error() == null).forEach(b -> built.add(b.model()));
        OutputDirectory out = new OutputDirectory(options.outputDirectory());
        try {
            List<Path> files = ModelRowsCsv.write(engine, built, out);
            log.info("Model rows: "
                    + options.input().displayName(out.resolve(ModelRowsCsv.directory(engine.name()))) + " ("
                    + files.size() + " CSV file" + (files.size() == 1 ? "" : "s") + ")");
        } catch (SQLException e) {
            log.warn("The models' rows were not written (specpipeline.writeRows): "
                    + DuckDbSession.firstLine(e.getMessage()));
        }
    }

    private static List<String> seededValues(DuckDbSession session, RawTable table, String column) throws SQLException {
        String col = DuckDbSession.quote(column);
        DuckDbSession.Rows rows = session.rows("SELECT DISTINCT CAST(" + col + " AS VARCHAR) AS v FROM "
                + table.qualifiedName() + " WHERE " + col + " IS NOT NULL ORDER BY 1 LIMIT 10000");
        List<String> out = new ArrayList<>();
        rows.rows().forEach(r -> out.add((String) r.get(0)));
        return out;
    }

    private static Result failed(SpecLoader.Result load, List<SeedProblem> problems, String summary) {
        return new Result(load, null, problems, List.of(), Set.of(), true, summary);
    }

    /** Wall time per phase. */
    private static final class Phases {
        final Map<String, Long> nanos = new LinkedHashMap<>();
        long last = System.nanoTime();

        void mark(String phase) {
            long now = System.nanoTime();
            nanos.merge(phase, now - last, Long::sum);
            last = now;
        }
    }

    private static String abbreviate(List<String> names) {
        if (names.size() <= 5) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
    }
}
