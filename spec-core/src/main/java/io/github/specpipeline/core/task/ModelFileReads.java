package io.github.specpipeline.core.task;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.Diagnostics;
import io.github.specpipeline.core.json.LocatedJsonReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * The model files of a spec directory, read and parsed (bytes, strict UTF-8, JSON tree) a few files ahead of the
 * caller in a second thread, and handed out in path order: the caller binds file i while file i+1 is read. What a
 * file gives does not depend on the thread that reads it: its tree and its reading problems, which the caller adds
 * where the file's own reading would have added them. Only {@link #AHEAD} trees wait at a time, so memory stays that
 * of reading one file after the other. On one processor the files are read in the caller's thread, when asked for.
 */
final class ModelFileReads implements AutoCloseable {
    /** Files read ahead of the caller at most. */
    static final int AHEAD = 16;

    /**
     * One file as read.
     *
     * @param document the parsed file, empty when it could not be read or parsed (see problems)
     * @param problems what reading it reported, in the order reported
     */
    record Read(Optional<LocatedJsonReader.UnlocatedDocument> document, List<Diagnostic> problems) {}

    /** A read, or what the reading thread threw (rethrown in the caller's thread). */
    private record Slot(Read read, Throwable failure) {}

    private final List<Path> files;
    private final BiFunction<Path, Diagnostics, Optional<LocatedJsonReader.UnlocatedDocument>> reader;
    private final BlockingQueue<Slot> queue;
    private final Thread thread;
    private volatile boolean closed;
    private int next;

    /**
     * @param reader reads one file, reporting its problems into the given sink (called from one thread at a time)
     */
    private ModelFileReads(
            List<Path> files,
            BiFunction<Path, Diagnostics, Optional<LocatedJsonReader.UnlocatedDocument>> reader,
            boolean ahead) {
        this.files = files;
        this.reader = reader;
        this.queue = ahead ? new ArrayBlockingQueue<>(AHEAD) : null;
        this.thread = ahead ? new Thread(this::readAll, "spec-pipeline-model-files") : null;
        if (thread != null) {
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Starts reading {@code files} (in a second thread when the machine has a second processor). */
    static ModelFileReads start(
            List<Path> files, BiFunction<Path, Diagnostics, Optional<LocatedJsonReader.UnlocatedDocument>> reader) {
        boolean ahead = files.size() > 1 && Runtime.getRuntime().availableProcessors() > 1;
        return new ModelFileReads(files, reader, ahead);
    }

    /** The next file's read, in the order of the files given. */
    Read next() {
        if (next >= files.size()) {
            throw new IllegalStateException("all " + files.size() + " files were read");
        }
        Path file = files.get(next++);
        if (queue == null) {
            return read(file);
        }
        Slot slot;
        try {
            slot = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + file, e);
        }
        if (slot.failure() instanceof RuntimeException r) {
            throw r;
        }
        if (slot.failure() instanceof Error r) {
            throw r;
        }
        return slot.read();
    }

    private Read read(Path file) {
        Diagnostics problems = new Diagnostics();
        Optional<LocatedJsonReader.UnlocatedDocument> document = reader.apply(file, problems);
        List<Diagnostic> reported = new java.util.ArrayList<>(problems.size());
        for (int i = 0; i < problems.size(); i++) {
            reported.add(problems.get(i));
        }
        return new Read(document, reported);
    }

    private void readAll() {
        for (Path file : files) {
            Slot slot;
            try {
                slot = new Slot(read(file), null);
            } catch (RuntimeException | Error e) {
                slot = new Slot(null, e);
            }
            if (!put(slot) || slot.failure() != null) {
                return;
            }
        }
    }

    /** Waits for room; false when the caller closed meanwhile. */
    private boolean put(Slot slot) {
        try {
            while (!closed) {
                if (queue.offer(slot, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Whether the reading thread still runs, for tests. */
    boolean reading() {
        return thread != null && thread.isAlive();
    }

    /** Stops the reading thread (a caller that stops early, on an exception, leaves nothing running). */
    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            queue.clear();
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
