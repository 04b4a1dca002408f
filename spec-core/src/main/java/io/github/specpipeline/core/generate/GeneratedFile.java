package io.github.specpipeline.core.generate;

/**
 * A file a generator produces.
 *
 * @param path    relative to the target's folder, '/'-separated
 * @param content UTF-8 text with '\n' line ends
 */
public record GeneratedFile(String path, String content) {
}
