package io.github.specpipeline.core.engine.bigquery;

import io.github.specpipeline.core.ddl.SourceCatalog;

/** Starts an engine in a JVM of its own and prints what happened, for {@link EngineLifecycleTest}. */
final class EngineProbe {
    private EngineProbe() {}

    public static void main(String[] args) {
        try (BigQueryEngine engine = BigQueryEngine.start(SourceCatalog.empty())) {
            System.out.println(
                    "STARTED " + engine.analyze("SELECT 1").getClass().getSimpleName());
        } catch (EngineUnavailableException e) {
            System.out.println("UNAVAILABLE " + e.getMessage());
            System.exit(3);
        }
    }
}
