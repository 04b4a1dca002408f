package io.github.specpipeline.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
        if (relative.isEmpty() || relative.startsWith("/") || relative.startsWith("\\") || relative.contains("\\")
                || relative.contains("\0") || relative.contains(":")) {
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
        if (Files.isRegularFile(target) && Files.size(target) == content.length
                && java.util.Arrays.equals(Files.readAllBytes(target), content)) {
            return target;
        }
        return write(relative, out -> out.write(content));
    }

    /** Writes bytes produced by {@code body} atomically; returns the file written. */
    public Path write(String relative, Body body) throws IOException {
        Path target = resolve(relative);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Produces a file's bytes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }
}
