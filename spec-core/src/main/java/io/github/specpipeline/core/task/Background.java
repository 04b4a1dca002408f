package io.github.specpipeline.core.task;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work that runs in a daemon thread of its own while the caller does something else, when the machine has a
 * second processor; otherwise it runs in the caller's thread when its result is first asked for. Either way the
 * result, or the unchecked exception the work threw, is the same as if the caller had run it.
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

    /** The result, waiting for the work to finish (or running it now when it was not started). */
    T get() {
        if (!started) {
            task.run(); // runs once; a later get() returns the same outcome
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the work is short and must finish: wait on, then restore the flag
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
