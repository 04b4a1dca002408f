package io.github.specpipeline.core.engine.bigquery;

import io.github.specpipeline.core.ddl.SourceCatalog;

/**
 * GoogleSQL's native engine, started ahead of need: loading its library and sending its first catalog take seconds
 * (3.8 to 4.8 s on an idle machine, most of validation's cost with GoogleSQL at 100 models), and neither depends on
 * the spec. A task starts a warm-up in a thread of its own while it reads and checks the spec; the analyzer's engine
 * then finds the library loaded and the channel open. The warm-up holds an engine on an empty catalog until it is
 * closed, so that the channel stays open in between (the last engine to close shuts it).
 *
 * <p>Never throws: an engine that cannot run here is reported by the analyzer when it needs one.
 */
public final class EngineWarmUp implements AutoCloseable {
    private final BigQueryEngine engine;

    private EngineWarmUp(BigQueryEngine engine) {
        this.engine = engine;
    }

    /**
     * Whether a warm-up would pay: not when this JVM has analyzed statements already, since the goals after the
     * first find their statements in {@link CachedAnalyzer}'s cache and start no engine at all.
     */
    public static boolean worthwhile() {
        return CachedAnalyzer.isEmpty();
    }

    /** Starts the engine and analyzes one statement (blocking); a warm-up that did nothing when it cannot run. */
    public static EngineWarmUp run() {
        BigQueryEngine started = null;
        try {
            started = BigQueryEngine.start(SourceCatalog.empty());
            started.analyze("SELECT 1");
            return new EngineWarmUp(started);
        } catch (EngineUnavailableException e) {
            return new EngineWarmUp(null);
        } catch (RuntimeException | LinkageError e) {
            // the analyzer meets the same failure when it starts its engine, and reports it there
            if (started != null) {
                started.close();
            }
            return new EngineWarmUp(null);
        }
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
