package io.github.specpipeline.core.engine.bigquery;

import io.github.specpipeline.core.ddl.SourceCatalog;
import io.github.specpipeline.core.ddl.SourceColumn;
import io.github.specpipeline.core.ddl.SourceTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * GoogleSQL's analysis of statements against the tables of one source catalog, with each result kept for the JVM
 * by (catalog, statement). Every goal of a build validates the same spec, so the goals after the first find every
 * statement analyzed and start no engine at all: the engine starts on the first statement not in the cache, and
 * stops with {@link #close}. Results are immutable records, so sharing them is safe. Not thread-safe itself: one
 * analyzer per validation.
 */
public final class CachedAnalyzer implements AutoCloseable {
    /** Enough for every statement of a few large specs; the oldest results go first. */
    static final int MAX_ENTRIES = 50_000;

    private static final Map<String, Analysis> RESULTS = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Analysis> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private final SourceCatalog sources;
    private final String catalogKey;
    private BigQueryEngine engine;
    private String unavailable;

    private CachedAnalyzer(SourceCatalog sources) {
        this.sources = sources;
        this.catalogKey = fingerprint(sources);
    }

    /** An analyzer over {@code sources}; no engine is started until a statement needs one. */
    public static CachedAnalyzer over(SourceCatalog sources) {
        return new CachedAnalyzer(sources);
    }

    /**
     * GoogleSQL's analysis of {@code sql}.
     *
     * @throws EngineUnavailableException when the statement is not cached and the native engine cannot run here
     */
    public Analysis analyze(String sql) throws EngineUnavailableException {
        String key = catalogKey + '\n' + sql;
        synchronized (RESULTS) {
            Analysis known = RESULTS.get(key);
            if (known != null) {
                return known;
            }
        }
        BigQueryEngine running = engine();
        Analysis result;
        try {
            result = running.analyze(sql);
        } catch (RuntimeException | LinkageError e) {
            // the channel to the native engine broke: no later statement can be analyzed either
            unavailable = "GoogleSQL's engine (ZetaSQL " + NativeService.VERSION + ") failed: " + e.getMessage();
            close();
            throw new EngineUnavailableException(unavailable);
        }
        synchronized (RESULTS) {
            RESULTS.put(key, result);
        }
        return result;
    }

    /** Whether no analysis is cached in this JVM yet. */
    static boolean isEmpty() {
        synchronized (RESULTS) {
            return RESULTS.isEmpty();
        }
    }

    /** Whether GoogleSQL's engine was started and found unable to run (its reason), for the one message. */
    public Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    /** Whether GoogleSQL can hold a column declared with this BigQuery type text in a table. */
    public static boolean isTableType(String typeText) {
        try {
            TableColumn.of("c", typeText);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The type as GoogleSQL's CAST writes it (parameters dropped), or empty when it is no BigQuery column type. */
    public static Optional<String> castType(String typeText) {
        try {
            return Optional.of(TableColumn.of("c", typeText).type().sql());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private BigQueryEngine engine() throws EngineUnavailableException {
        if (unavailable != null) {
            throw new EngineUnavailableException(unavailable);
        }
        if (engine == null) {
            try {
                engine = BigQueryEngine.start(sources);
            } catch (EngineUnavailableException e) {
                unavailable = e.getMessage();
                throw e;
            }
        }
        return engine;
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    /** The tables and column types, hashed: two catalogs with the same text resolve every statement alike. */
    private static String fingerprint(SourceCatalog sources) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (SourceTable t : sources.tables()) {
                digest.update((t.qualifiedName() + '\n').getBytes(StandardCharsets.UTF_8));
                for (SourceColumn c : t.columns()) {
                    digest.update((c.name() + ' ' + c.type() + '\n').getBytes(StandardCharsets.UTF_8));
                }
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
