package io.github.specpipeline.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The only way core writes files. Every path is resolved inside the directory (a name from a spec can never
 * climb out of it), and every file is written to a temporary sibling then moved into place, so a crash or a
 * failed render never leaves a half-written file where a reader expects a whole one.
 */
public final class OutputDirectory {
    private final Path root;

    public OutputDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Resolves a relative path made of safe segments.
     *
     * @throws IllegalArgumentException when the path is absolute, has {@code ..}, or would leave the directory
     */
    public Path resolve(String relative) {
        if (relative.isEmpty()
                || relative.startsWith("/")
                || relative.startsWith("\\")
                || relative.contains("\\")
                || relative.contains("\0")
                || relative.contains(":")) {
            throw new IllegalArgumentException("unsafe output path: " + relative);
        }
        for (String segment : relative.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("unsafe output path: " + relative);
            }
        }
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("output path leaves " + root + ": " + relative);
        }
        return p;
    }

    /** Writes UTF-8 text atomically; returns the file written. */
    public Path writeString(String relative, String content) throws IOException {
        return write(relative, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes {@code content} atomically unless the file already holds exactly these bytes, in which case it is
     * left alone (same content, same modification time, no disk write). Returns the file either way. Meant for
     * the many small files of an export or a code generator, most of which do not change from run to run.
     */
    public Path writeIfChanged(String relative, byte[] content) throws IOException {
        Path target = resolve(relative);
        if (Files.isRegularFile(target)
                && Files.size(target) == content.length
                && Arrays.equals(Files.readAllBytes(target), content)) {
            return target;
        }
        return write(relative, out -> out.write(content));
    }

    /** Writes bytes produced by {@code body} atomically; returns the file written. */
    public Path write(String relative, Body body) throws IOException {
        Path target = resolve(relative);
        Path parent = target.getParent();
        if (!directories.contains(parent)) { // one check per directory, not per file: exports write thousands
            Files.createDirectories(parent);
            directories.add(parent);
        }
        Temp tmp;
        try {
            tmp = createTemp(target);
        } catch (NoSuchFileException e) { // the directory was removed since: make it again
            Files.createDirectories(parent);
            tmp = createTemp(target);
        }
        boolean moved = false;
        try {
            try (OutputStream out = tmp.out()) {
                body.writeTo(out);
            }
            try {
                Files.move(tmp.path(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp.path(), target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            return target;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp.path());
            }
        }
    }

    /** Directories this instance made or found, so that writing a file costs no directory check. */
    private final Set<Path> directories = ConcurrentHashMap.newKeySet();

    /** Distinguishes this JVM's temporary files from another process's writing into the same directory. */
    private static final String TEMP_PREFIX = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);

    private static final AtomicLong TEMP_COUNTER = new AtomicLong();

    private record Temp(Path path, OutputStream out) {}

    /**
     * Creates and opens a new temporary sibling of {@code target}. Not {@link Files#createTempFile}: that one costs
     * a secure random name, a second open and owner-only permissions per file, which made writing thousands of
     * small export files much slower and left the outputs unreadable to other users.
     */
    private static Temp createTemp(Path target) throws IOException {
        while (true) {
            Path tmp = target.resolveSibling(
                    "." + target.getFileName() + "." + TEMP_PREFIX + "-" + TEMP_COUNTER.incrementAndGet() + ".tmp");
            try {
                return new Temp(
                        tmp, Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            } catch (FileAlreadyExistsException e) {
                // another writer's temporary file: take the next name
            }
        }
    }

    /** Produces a file's bytes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }
}
