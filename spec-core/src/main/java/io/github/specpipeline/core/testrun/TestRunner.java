package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.DataTestQuery;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds every model in dependency order on a prepared {@link TestEngine} (raw tables loaded), then runs every data
 * test: a test passes when its query returns no rows. A model that cannot be built is reported with the statement
 * and the engine's message; its tests and the models downstream of it are skipped.
 */
public final class TestRunner {
    /** Failing rows kept per test for the report. */
    public static final int SAMPLE_ROWS = 5;

    private final TestEngine engine;
    private final ValidatedSpec spec;
    private final SpecLog log;

    public TestRunner(TestEngine engine, ValidatedSpec spec, SpecLog log) {
        this.engine = engine;
        this.spec = spec;
        this.log = log;
    }

    /** How building one model went. */
    public record Build(String model, long nanos, TestResults.Case error) {}

    /** Runs the build statements of every model, upstream first. */
    public Map<String, Build> buildModels() {
        return buildModels(null);
    }

    /**
     * Runs the build statements of the models in {@code only} (every model when null), upstream first; a selection
     * ({@code specpipeline.select}) passes the selected models and the models they read.
     */
    public Map<String, Build> buildModels(java.util.Set<String> only) {
        Map<String, Build> builds = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        for (DuckDbPlan.ModelBuild mb : engine.models()) {
            if (only != null && !only.contains(mb.model())) {
                continue;
            }
            String upstreamFailure = failed.stream()
                    .filter(f -> spec.graph().ancestors(mb.model()).contains(f))
                    .findFirst()
                    .orElse(null);
            if (upstreamFailure != null) {
                failed.add(mb.model());
                builds.put(
                        mb.model(),
                        new Build(
                                mb.model(),
                                0,
                                build(mb.model())
                                        .outcome(
                                                TestResults.Status.SKIPPED,
                                                0,
                                                "not built: upstream model '" + upstreamFailure
                                                        + "' could not be built",
                                                null,
                                                null)));
                continue;
            }
            long t0 = System.nanoTime();
            TestResults.Case error = null;
            for (int i = 0; i < mb.statements().size(); i++) {
                String sql = mb.statements().get(i);
                try {
                    engine.build(mb, sql);
                } catch (DuckDbSession.Busy e) {
                    error = build(mb.model())
                            .outcome(TestResults.Status.SKIPPED, 0, "not built: " + e.getMessage(), sql, null);
                    failed.add(mb.model());
                    break;
                } catch (SQLException e) {
                    String where = mb.statements().size() == 1
                            ? ""
                            : " (statement " + (i + 1) + " of "
                                    + mb.statements().size() + ")";
                    error = build(mb.model())
                            .outcome(
                                    TestResults.Status.ERROR,
                                    0,
                                    "model '" + mb.model() + "' could not be built" + where + ": "
                                            + DuckDbSession.firstLine(e.getMessage()),
                                    sql,
                                    e.getMessage() == null
                                            ? null
                                            : e.getMessage().strip());
                    failed.add(mb.model());
                    break;
                }
            }
            long nanos = System.nanoTime() - t0;
            if (error != null) {
                error = withNanos(error, nanos);
                log.debug("build " + mb.model() + ": failed");
            }
            builds.put(mb.model(), new Build(mb.model(), nanos, error));
        }
        return builds;
    }

    /** Runs the data tests of every model, grouped by model in plan order. */
    public Map<String, List<TestResults.Case>> runDataTests(Map<String, Build> builds) {
        return runDataTests(builds, null);
    }

    /** Runs the data tests of the models in {@code only} (every model when null). */
    public Map<String, List<TestResults.Case>> runDataTests(Map<String, Build> builds, java.util.Set<String> only) {
        Map<String, List<TestResults.Case>> out = new LinkedHashMap<>();
        engine.models().stream()
                .filter(mb -> only == null || only.contains(mb.model()))
                .forEach(mb -> out.put(mb.model(), new ArrayList<>()));
        for (DataTestQuery q : engine.tests()) {
            if (only != null && !only.contains(q.model())) {
                continue;
            }
            Build b = builds.get(q.model());
            TestResults.Case c;
            if (b != null && b.error() != null) {
                c = subject(q)
                        .outcome(
                                TestResults.Status.SKIPPED,
                                0,
                                "not run: model '" + q.model() + "' was not built",
                                q.sql(),
                                null);
            } else {
                c = run(q);
            }
            out.computeIfAbsent(q.model(), k -> new ArrayList<>()).add(c);
        }
        return out;
    }

    /** Runs one data test. */
    public TestResults.Case run(DataTestQuery q) {
        long t0 = System.nanoTime();
        try {
            DuckDbSession.Sample sample = engine.sample(q.sql(), SAMPLE_ROWS);
            long nanos = System.nanoTime() - t0;
            if (sample.count() == 0) {
                return subject(q).outcome(TestResults.Status.PASSED, nanos, null, q.sql(), null);
            }
            String rows = sample.count() + " failing row" + (sample.count() == 1 ? "" : "s");
            String shown = sample.count() > sample.rows().size()
                    ? "failing rows (first " + sample.rows().size() + " of " + sample.count() + "):\n"
                    : "failing rows:\n";
            return subject(q)
                    .outcome(
                            TestResults.Status.FAILED,
                            nanos,
                            q.description() + ": " + rows,
                            q.sql(),
                            shown + TextTable.format(sample.columns(), sample.rows()));
        } catch (DuckDbSession.Busy e) {
            return subject(q).outcome(TestResults.Status.SKIPPED, 0, "not run: " + e.getMessage(), q.sql(), null);
        } catch (SQLException e) {
            return subject(q)
                    .outcome(
                            TestResults.Status.ERROR,
                            System.nanoTime() - t0,
                            "the test query failed: " + DuckDbSession.firstLine(e.getMessage()),
                            q.sql(),
                            e.getMessage() == null ? null : e.getMessage().strip());
        }
    }

    /**
     * The suites in plan order: the build error (if any), the data tests, then the unit tests of each model.
     */
    public static List<TestResults.Suite> suites(
            ValidatedSpec spec,
            List<DuckDbPlan.ModelBuild> plan,
            Map<String, Build> builds,
            Map<String, List<TestResults.Case>> dataTests,
            Map<String, List<TestResults.Case>> unitTests) {
        return suites(spec, plan, builds, dataTests, unitTests, null);
    }

    /** The suites of the models in {@code only} (every model when null), in plan order. */
    public static List<TestResults.Suite> suites(
            ValidatedSpec spec,
            List<DuckDbPlan.ModelBuild> plan,
            Map<String, Build> builds,
            Map<String, List<TestResults.Case>> dataTests,
            Map<String, List<TestResults.Case>> unitTests,
            java.util.Set<String> only) {
        List<String> models = new ArrayList<>();
        plan.forEach(mb -> models.add(mb.model()));
        spec.graph().order().forEach(m -> {
            if (!models.contains(m.name())) {
                models.add(m.name());
            }
        });
        if (only != null) {
            models.retainAll(only);
        }
        List<TestResults.Suite> suites = new ArrayList<>();
        for (String model : models) {
            List<TestResults.Case> cases = new ArrayList<>();
            Build b = builds.get(model);
            if (b != null && b.error() != null) {
                cases.add(b.error());
            }
            cases.addAll(dataTests.getOrDefault(model, List.of()));
            cases.addAll(unitTests.getOrDefault(model, List.of()));
            String schema = spec.spec()
                    .model(model)
                    .map(m -> spec.spec().schema().of(m.layer()))
                    .orElse("models");
            suites.add(new TestResults.Suite(
                    model,
                    schema + "." + model,
                    b == null ? 0 : b.nanos(),
                    b == null || b.error() == null ? null : b.error().message(),
                    cases));
        }
        return suites;
    }

    private String pointer(String model) {
        return spec.spec().model(model).map(Model::pointer).orElse("");
    }

    /** The build of a model, as a case of its suite. */
    private TestResults.Subject build(String model) {
        return new TestResults.Subject("build__" + model, model, "build", null, "build " + model, pointer(model));
    }

    private static TestResults.Subject subject(DataTestQuery q) {
        return new TestResults.Subject(q.id(), q.model(), q.kind(), q.column(), q.description(), q.pointer());
    }

    private static TestResults.Case withNanos(TestResults.Case c, long nanos) {
        return new TestResults.Case(
                c.name(),
                c.model(),
                c.kind(),
                c.column(),
                c.description(),
                c.pointer(),
                c.status(),
                nanos,
                c.message(),
                c.sql(),
                c.details());
    }
}
