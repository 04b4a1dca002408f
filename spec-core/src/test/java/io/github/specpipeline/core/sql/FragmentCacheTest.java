package io.github.specpipeline.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.sql.dialect.Dialect;
import io.github.specpipeline.core.sql.dialect.RenderScope;
import io.github.specpipeline.core.sql.dialect.SqlRenderer;
import io.github.specpipeline.core.task.GenerateTask;
import io.github.specpipeline.core.task.SpecInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import net.sf.jsqlparser.schema.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared parse cache: bounded, thread-safe, and holding trees nobody changes. */
class FragmentCacheTest {

    @Test
    void theSameTextIsParsedOnceAndErrorsAreCachedAsErrors() throws SqlFragmentException {
        String text = "UPPER(cache_test_" + System.nanoTime() + ".c)";
        ParsedFragment first = SqlFragments.parse(text, null);
        assertThat(SqlFragments.parse(text, "ignored.column")).isSameAs(first); // no {from}: the replacement is unused
        String bad = "cache_test_" + System.nanoTime() + " b";
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> SqlFragments.parse(bad, null))
                    .isInstanceOfSatisfying(SqlFragmentException.class, e -> {
                        assertThat(e.getMessage())
                                .isEqualTo("not exactly one expression: cannot parse the text from 'b' on");
                        assertThat(e.column()).isEqualTo(bad.length());
                    });
        }
        String from = "LOWER({from}) || '" + System.nanoTime() + "'";
        assertThat(SqlFragments.parse(from, "a.b").sql()).startsWith("LOWER(a.b)");
        assertThat(SqlFragments.parse(from, "c.d").sql()).startsWith("LOWER(c.d)");
    }

    @Test
    void leastRecentlyUsedEntriesAreDroppedBeyondTheBounds() {
        FragmentCache cache = new FragmentCache(3, 1_000_000);
        for (String k : List.of("a", "b", "c")) {
            cache.get(key(k), () -> k);
        }
        cache.get(key("a"), () -> "recomputed"); // a is now the most recently used
        cache.get(key("d"), () -> "d");
        assertThat(cache.snapshot().keySet()).containsExactly(key("c"), key("a"), key("d"));
        assertThat(cache.get(key("a"), () -> "recomputed")).isEqualTo("a");

        FragmentCache small = new FragmentCache(100, 300); // each entry weighs 64 + its text
        small.get(key("x".repeat(100)), () -> "x");
        small.get(key("y".repeat(100)), () -> "y");
        assertThat(small.size()).isEqualTo(1);
        assertThat(small.get(key("y".repeat(100)), () -> "again")).isEqualTo("y");
    }

    @Test
    void anUnexpectedFailureIsNotCached() {
        FragmentCache cache = new FragmentCache(10, 1_000);
        assertThatThrownBy(() -> cache.get(key("k"), () -> {
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");
        assertThat(cache.size()).isZero();
        assertThat(cache.get(key("k"), () -> "ok")).isEqualTo("ok");
    }

    @Test
    void concurrentRequestsForOneTextComputeItOnce() throws Exception {
        FragmentCache cache = new FragmentCache(100, 100_000);
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.get(key("same"), () -> {
                        computed.incrementAndGet();
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return new Object();
                    });
                }));
            }
            start.countDown();
            Object first = results.get(0).get();
            for (Future<Object> f : results) {
                assertThat(f.get()).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(computed).hasValue(1);
    }

    /**
     * Every caller shares the cached trees, so none may change one: after validating and generating every target for
     * the golden specs, each cached result must still equal a fresh parse of its text.
     */
    @Test
    void noCallerChangesASharedTree(@TempDir Path out) throws IOException {
        for (String name : List.of("shop-analytics", "hostile")) {
            Path dir = Path.of("src/test/resources/generate").resolve(name);
            Path ddl = dir.resolve("source_ddl");
            GenerateTask.Result r = GenerateTask.run(
                    new GenerateTask.Options(
                            new SpecInput(dir.resolve("spec.json"), Files.isDirectory(ddl) ? ddl : null, dir),
                            out.resolve(name),
                            EnumSet.allOf(Target.class)),
                    SpecLog.NONE);
            assertThat(r.failed()).isFalse();
        }
        Map<FragmentCache.Key, Object> cached = SqlFragments.CACHE.snapshot();
        assertThat(cached.keySet().stream().filter(k -> k.kind().equals("template")))
                .isNotEmpty();
        assertThat(changed(cached)).isEmpty();
    }

    @Test
    void aChangedTreeWouldBeNoticed() throws SqlFragmentException {
        String text = "UPPER(mutation_test_" + System.nanoTime() + ".c)";
        ParsedFragment f = SqlFragments.parse(text, null);
        Column c = (Column) ((net.sf.jsqlparser.expression.Function) f.expression())
                .getParameters()
                .get(0);
        c.setColumnName("changed");
        try {
            assertThat(changed(SqlFragments.CACHE.snapshot())).containsExactly(text);
        } finally {
            c.setColumnName("c");
        }
    }

    /** The texts whose cached result no longer equals a fresh parse. */
    private static List<String> changed(Map<FragmentCache.Key, Object> cached) {
        List<String> changed = new ArrayList<>();
        for (Map.Entry<FragmentCache.Key, Object> e : cached.entrySet()) {
            FragmentCache.Key k = e.getKey();
            if (!(e.getValue() instanceof ParsedFragment f)) {
                continue;
            }
            String replacement = k.kind().equals("template") ? SqlFragments.FROM_COLUMN.qualifiedName() : k.argument();
            ParsedFragment fresh;
            try {
                fresh = SqlFragments.parseUncached(k.text(), replacement);
            } catch (SqlFragmentException x) {
                changed.add(k.text());
                continue;
            }
            if (!describe(f).equals(describe(fresh))) {
                changed.add(k.text());
            }
        }
        return changed;
    }

    private static String describe(ParsedFragment f) {
        StringBuilder sb = new StringBuilder(f.expression().toString())
                .append('|')
                .append(f.sql())
                .append('|')
                .append(f.columns())
                .append('|')
                .append(new java.util.TreeMap<>(Map.copyOf(f.columnPositions().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(
                                x -> x.getKey().toString(), Map.Entry::getValue)))))
                .append('|')
                .append(f.containsAggregate())
                .append('|')
                .append(f.functions())
                .append('|')
                .append(f.caseLiteralOutputs());
        for (Dialect d : Dialect.values()) {
            SqlRenderer.Rendering r = SqlRenderer.render(f.expression(), d, RenderScope.AS_WRITTEN);
            sb.append('|').append(r.sql()).append(r.problems());
        }
        return sb.toString();
    }

    private static FragmentCache.Key key(String text) {
        return new FragmentCache.Key("test", text, null);
    }
}
