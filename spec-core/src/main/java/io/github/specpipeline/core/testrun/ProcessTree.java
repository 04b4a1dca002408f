package io.github.specpipeline.core.testrun;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ending a long-lived helper process together with what it started: the Spark bridge and its Spark JVM, a dbt
 * session and dbt-spark's JVM. A Python process that ends leaves its children running, re-parented, and no longer
 * among its descendants, so the children are taken before the process is asked to end and waited for (or killed)
 * one by one afterwards; a JVM left behind would hold its ports and memory until the build's JVM exits.
 */
public final class ProcessTree {
    private ProcessTree() {}

    /** The processes {@code process} started that run now: take them before asking it to end. */
    public static List<ProcessHandle> children(Process process) {
        return process.descendants().toList();
    }

    /**
     * Closes {@code stdin} (the helper's signal to end), waits up to {@code wait} for the process and kills the whole
     * tree if it has not ended; then waits up to {@code childWait} for each of {@code children} and kills any that
     * still runs.
     */
    public static void end(
            Process process, List<ProcessHandle> children, Closeable stdin, Duration wait, Duration childWait) {
        try {
            stdin.close();
        } catch (IOException e) {
            // the process is gone
        }
        try {
            if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
        }
        for (ProcessHandle c : children) {
            try {
                c.onExit().get(childWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                c.destroyForcibly();
            }
        }
    }

    /** Kills the process and every process it started, at once. */
    public static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
