package io.github.specpipeline.core.generate;

/**
 * A file a generator produces.
 *
 * @param path    relative to the target's folder, '/'-separated
 * @param content UTF-8 text with '\n' line ends
 * @param pointer JSON pointer of the spec element the file's name comes from (a model's name, a test), {@code ""}
 *                for a file every spec has (it is where a clash of file names is reported)
 */
public record GeneratedFile(String path, String content, String pointer) {
    public GeneratedFile {
        pointer = pointer == null ? "" : pointer;
    }

    /** A file whose name does not come from the spec. */
    public GeneratedFile(String path, String content) {
        this(path, content, "");
    }
}
