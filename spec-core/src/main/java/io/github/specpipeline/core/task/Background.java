package io.github.specpipeline.core.task;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work that runs in a daemon thread of its own while the caller does something else, when the machine has a
 * second processor; otherwise it runs in the caller's thread when its result is first asked for. Either way the
 * result, or the exception the work threw, is the same as if the caller had run it.
 *
 * <p>The one place the tasks start threads: whether a trick that overlaps work still pays is measured per trick
 * (the benchmark page of the site), and each caller says here what it overlaps.
 *
 * @param <T> the result
 */
final class Background<T> {
    private final FutureTask<T> task;
    private final boolean started;

    private Background(Callable<T> work, boolean start, String name) {
        this.task = new FutureTask<>(work);
        this.started = start;
        if (start) {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        }
    }

    /** Starts {@code work} in a thread named {@code name} if a second processor can run it. */
    static <T> Background<T> start(String name, Callable<T> work) {
        return new Background<>(work, Runtime.getRuntime().availableProcessors() > 1, name);
    }

    /** {@code work}, not started: it runs in the thread that first asks for its result. */
    static <T> Background<T> later(Callable<T> work) {
        return new Background<>(work, false, null);
    }

    /** The result, waiting for the work to finish (or running it now when it was not started). */
    T get() {
        try {
            return getOrThrow();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #get}, for work that may throw an {@link IOException}, which is rethrown as it is. */
    T getOrThrow() throws IOException {
        if (!started) {
            task.run(); // runs once; a later get() returns the same outcome
        }
        try {
            return uninterruptibly();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error r) {
                throw r;
            }
            throw new IOException(cause);
        }
    }

    /**
     * Waits for started work to end, ignoring its outcome: for a caller that is leaving because something else
     * failed, and must not leave the work running behind it (files half-written, classes of a closed class realm).
     * Work that was not started is not run.
     */
    void awaitQuietly() {
        if (!started) {
            return;
        }
        try {
            uninterruptibly();
        } catch (ExecutionException e) {
            // the failure being reported is the caller's
        }
    }

    private T uninterruptibly() throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the work is short and must finish: wait on, then restore the flag
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
