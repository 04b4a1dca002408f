package io.github.specpipeline.core.sql;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * (no thread hand-off per fragment); one daemon timer thread serves the JVM and is idle unless a parse is slow.
 */
final class ParseWatchdog {

    /** Time one fragment may spend in JSqlParser, over all its attempts. */
    static final long LIMIT_MILLIS = 3_000;

    private static final long LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(LIMIT_MILLIS);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final boolean CPU_TIME = cpuTimeSupported();

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private ParseWatchdog() {
    }

    private static boolean cpuTimeSupported() {
        try {
            return THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "spec-pipeline-parse-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** The time a fragment has spent so far, measured in the thread that parses it. */
    static final class Budget {
        private final long threadId = Thread.currentThread().getId();
        private final long start = now(threadId);

        /** Nanoseconds left; negative when spent. */
        long remaining() {
            return LIMIT_NANOS - (now(threadId) - start);
        }

        private static long now(long threadId) {
            if (CPU_TIME) {
                // the parsing thread asks for itself on every parse; the cheaper call then
                long cpu = Thread.currentThread().getId() == threadId ? THREADS.getCurrentThreadCpuTime()
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
        private final AtomicBoolean fired = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile ScheduledFuture<?> timer;

        private Watch(CCJSqlParser parser, Budget budget) {
            this.parser = parser;
            this.budget = budget;
            check();
        }

        /**
         * Stops the parse if the budget is spent, or checks again when it can be at the earliest (CPU time grows no
         * faster than wall-clock time, so a thread that did not run all along gets its remaining time again).
         */
        private void check() {
            if (closed.get()) {
                return;
            }
            long remaining = budget.remaining();
            if (remaining <= 0) {
                fired.set(true);
                parser.interrupted = true;
            } else {
                timer = TIMER.schedule(this::check, remaining, TimeUnit.NANOSECONDS);
            }
        }

        /** Whether the budget ran out before the parse returned: its result, success or failure, is not to be trusted. */
        boolean fired() {
            return fired.get();
        }

        @Override
        public void close() {
            closed.set(true);
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }
    }

    /** Starts watching {@code parser}, which must return before {@code budget} is spent. */
    static Watch watch(CCJSqlParser parser, Budget budget) {
        return new Watch(parser, budget);
    }
}
