package io.github.specpipeline.core.sql;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.parser.CCJSqlParser;

/**
 * Stops a JSqlParser parse that runs past its time budget.
 *
 * <p>Why a clock and not only limits: JSqlParser's syntactic lookahead backtracks exponentially on many nestings,
 * each at its own rate ({@code TRIM(TRIM(...))}, a {@code CASE} in a {@code WHEN} condition, {@code [..]}, brackets in
 * the "complex" parse: 10 levels already take seconds), so no nesting limit that still admits real SQL bounds every
 * parse. The nesting limits of {@link SqlFragments} give the deterministic, located error for what is clearly too
 * deep; this is the backstop for the rest. It uses JSqlParser's own mechanism ({@code CCJSqlParserUtil}'s time-out
 * sets the same flag): the parser checks {@link CCJSqlParser#interrupted} in its lookaheads and, once it is set,
 * fails within a fraction of a second.
 *
 * <p>The budget is CPU time of the parsing thread where the JVM measures it, so that a loaded build machine (other
 * builds, JIT threads, garbage collection) does not turn a slow but real parse into an error; wall-clock time
 * otherwise. A real fragment parses in well under a millisecond to a few milliseconds, a thousand times below the
 * budget, so the outcome depends on the machine only for text no one writes. The parse runs in the caller's thread
 * (no thread hand-off per fragment). Watching costs a set insertion and removal: one daemon thread, started with
 * the first parse, looks at the parses under way ten times a second, and only a parse running longer than the
 * budget in wall-clock time has its CPU time read (scheduling a timer per parse woke a thread per fragment).
 */
final class ParseWatchdog {

    /** Time one fragment may spend in JSqlParser, over all its attempts. */
    static final long LIMIT_MILLIS = 3_000;

    private static final long LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(LIMIT_MILLIS);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final boolean CPU_TIME = cpuTimeSupported();

    /** How often the parses under way are looked at. */
    private static final long SWEEP_MILLIS = 100;

    /** The parses under way, in every thread. */
    private static final Set<Watch> ACTIVE = ConcurrentHashMap.newKeySet();

    static {
        sweeper(); // with the first parse; a daemon, so it never keeps the JVM alive
    }

    private ParseWatchdog() {}

    private static boolean cpuTimeSupported() {
        try {
            return THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static void sweeper() {
        Thread t = new Thread(
                () -> {
                    while (true) {
                        try {
                            Thread.sleep(SWEEP_MILLIS);
                        } catch (InterruptedException e) {
                            return;
                        }
                        for (Watch w : ACTIVE) {
                            w.check();
                        }
                    }
                },
                "spec-pipeline-parse-watchdog");
        t.setDaemon(true);
        t.start();
    }

    /** The time a fragment has spent so far, measured in the thread that parses it. */
    static final class Budget {
        private final long threadId = Thread.currentThread().getId();
        private final long start = now(threadId);
        private final long wallStart = System.nanoTime();

        /** Whether the budget may be spent: CPU time never runs ahead of wall-clock time. */
        boolean mayBeSpent() {
            return System.nanoTime() - wallStart >= LIMIT_NANOS;
        }

        /** Nanoseconds left; negative when spent. */
        long remaining() {
            return LIMIT_NANOS - (now(threadId) - start);
        }

        private static long now(long threadId) {
            if (CPU_TIME) {
                // the parsing thread asks for itself on every parse; the cheaper call then
                long cpu = Thread.currentThread().getId() == threadId
                        ? THREADS.getCurrentThreadCpuTime()
                        : THREADS.getThreadCpuTime(threadId);
                if (cpu >= 0) {
                    return cpu;
                }
            }
            return System.nanoTime();
        }
    }

    /** Starts the budget of one fragment, in the thread that will parse it. */
    static Budget budget() {
        return new Budget();
    }

    /** A parse being watched; {@link #close} it when the parse returns, after asking {@link #fired}. */
    static final class Watch implements AutoCloseable {
        private final CCJSqlParser parser;
        private final Budget budget;
        private volatile boolean fired;

        private Watch(CCJSqlParser parser, Budget budget) {
            this.parser = parser;
            this.budget = budget;
            if (budget.mayBeSpent() && budget.remaining() <= 0) {
                stop(); // an earlier attempt of the fragment spent it
            } else {
                ACTIVE.add(this);
            }
        }

        /** Stops the parse once its budget is spent. */
        void check() {
            if (!fired && budget.mayBeSpent() && budget.remaining() <= 0) {
                stop();
            }
        }

        private void stop() {
            fired = true;
            parser.interrupted = true;
        }

        /** Whether the budget ran out before the parse returned: its result, success or failure, is not to be trusted. */
        boolean fired() {
            return fired;
        }

        @Override
        public void close() {
            ACTIVE.remove(this);
        }
    }

    /** Starts watching {@code parser}, which must return before {@code budget} is spent. */
    static Watch watch(CCJSqlParser parser, Budget budget) {
        return new Watch(parser, budget);
    }
}
