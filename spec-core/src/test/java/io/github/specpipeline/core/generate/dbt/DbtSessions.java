package io.github.specpipeline.core.generate.dbt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one {@link DbtSession} of a test class: started before the class's first test in a directory of its own
 * (dbt-spark's metastore and warehouse live there, so they outlive every test's project), closed after the class's
 * {@code @AfterAll} methods, the directory deleted. Register it as
 * {@code @RegisterExtension static final DbtSessions DBT = DbtSessions.duckDb();}.
 */
final class DbtSessions implements BeforeAllCallback, AfterAllCallback {
    private final boolean spark;
    private Path home;
    private DbtSession session;

    private DbtSessions(boolean spark) {
        this.spark = spark;
    }

    /** A session for dbt-duckdb and dbt-bigquery commands (no Spark started). */
    static DbtSessions duckDb() {
        return new DbtSessions(false);
    }

    /** A session whose first command starts the Spark that every later dbt-spark command reuses. */
    static DbtSessions spark() {
        return new DbtSessions(true);
    }

    DbtSession session() {
        if (session == null) {
            throw new IllegalStateException("the dbt session starts before the class's first test");
        }
        return session;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        home = Files.createTempDirectory("spec-pipeline-dbt-");
        session = DbtSession.start(home, spark);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (session != null) {
                session.close();
            }
        } finally {
            session = null;
            if (home != null) {
                try (Stream<Path> files = Files.walk(home)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
