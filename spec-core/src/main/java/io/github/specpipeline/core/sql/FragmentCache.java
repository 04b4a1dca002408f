package io.github.specpipeline.core.sql;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The results of {@link SqlFragments#parse} shared by every caller in the JVM, so that a fragment text that occurs
 * many times in a spec (a transform template, a join condition repeated across models) is handed to JSqlParser
 * once per load, and once per JVM when one Maven build loads the spec for several goals. A large spec has many
 * times more fragments than distinct fragment texts (the benchmark page of the site has the counts and what the
 * cache saves).
 *
 * <p><b>Invariant: a cached result is never modified.</b> Every caller of {@link SqlFragments#parse} and
 * {@link SqlFragments#analyze} gets the same {@link ParsedFragment} and therefore the same JSqlParser
 * {@code Expression} tree for the same input, from any thread. JSqlParser trees are mutable (setters, live
 * lists such as {@code Function.getParameters()}); code that reads them (the validator, the renderer, the planner,
 * the generators, export listeners) must only read. A caller that needs a changed tree must build a new one,
 * never edit a parsed one. {@code FragmentCacheTest} checks, after validating and generating every target for a
 * spec, that every cached tree still prints and renders like a fresh parse of its text.
 *
 * <p>Bounded: least recently used entries are dropped when the entries' weight (64 plus the length of the text and
 * replacement) exceeds {@link #MAX_CHARS} or there are more than {@link #MAX_ENTRIES} of them. The bounds keep
 * the cache to a few tens of MB (the benchmark page has the measured size per entry). Thread-safe: a text requested by two threads at once is parsed once, and
 * the second waits for the first.
 */
final class FragmentCache {

    /** At most this many fragments are kept. */
    static final int MAX_ENTRIES = 100_000;

    /**
     * At most this much weight is kept (weights below): a hundredth of the largest heap, so about a fifth of it at
     * the measured 20 bytes per unit of weight, between 2,000,000 and 6,000,000 (40 to 120 MB). With
     * {@code -Xmx512m} that holds every fragment of a 10,000-model spec (44,000 entries of weight 4,470,000), so that
     * its second load in a JVM (a build running several goals) parses nothing, and one load parses each fragment
     * once although validation, the translation check and the planner each ask for it in a pass of their own. The
     * bound of 2,000,000 it had held less than half of them: least recently used, every pass then missed on every
     * fragment (performance.md, spec directories).
     */
    static final long MAX_CHARS =
            Math.max(2_000_000, Math.min(6_000_000, Runtime.getRuntime().maxMemory() / 100));

    /** Weight of an entry beyond its text: the fixed part of a tree and its parser. */
    private static final int ENTRY_OVERHEAD = 64;

    /** What a cached value was computed for: one of {@link SqlFragments}' cached functions and its input. */
    record Key(String kind, String text, String argument) {}

    private static final class Entry {
        final CompletableFuture<Object> value = new CompletableFuture<>();
        final int weight;

        Entry(int weight) {
            this.weight = weight;
        }
    }

    private final Map<Key, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final int maxEntries;
    private final long maxChars;
    private long chars;

    FragmentCache(int maxEntries, long maxChars) {
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
    }

    /**
     * The value for {@code key}, computed by {@code compute} in the calling thread when absent. A value is a result
     * ({@link ParsedFragment}, or the {@link SqlFragmentException} to throw); {@code compute} must not throw for a
     * bad fragment. An unexpected exception of {@code compute} is rethrown and nothing is cached.
     */
    Object get(Key key, Supplier<Object> compute) {
        Entry entry;
        boolean mine = false;
        synchronized (this) {
            entry = entries.get(key);
            if (entry == null) {
                int weight = ENTRY_OVERHEAD
                        + key.text().length()
                        + (key.argument() == null ? 0 : key.argument().length());
                entry = new Entry(weight);
                entries.put(key, entry);
                chars += weight;
                mine = true;
                evict();
            }
        }
        if (mine) {
            try {
                Object value = compute.get();
                entry.value.complete(value);
                return value;
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    if (entries.get(key) == entry) {
                        entries.remove(key);
                        chars -= entry.weight;
                    }
                }
                entry.value.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return entry.value.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw e;
        }
    }

    /** Drops least recently used entries beyond the bounds (an entry being computed is kept by its waiters). */
    private void evict() {
        Iterator<Entry> it = entries.values().iterator();
        while ((entries.size() > maxEntries || chars > maxChars) && entries.size() > 1 && it.hasNext()) {
            Entry eldest = it.next();
            it.remove();
            chars -= eldest.weight;
        }
    }

    /** Number of cached entries. */
    synchronized int size() {
        return entries.size();
    }

    /** Snapshot of the completed entries, for tests. */
    synchronized Map<Key, Object> snapshot() {
        Map<Key, Object> out = new LinkedHashMap<>();
        for (Map.Entry<Key, Entry> e : entries.entrySet()) {
            Object v = e.getValue().value.getNow(null);
            if (v != null) {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    /** Empties the cache. */
    synchronized void clear() {
        entries.clear();
        chars = 0;
    }
}
