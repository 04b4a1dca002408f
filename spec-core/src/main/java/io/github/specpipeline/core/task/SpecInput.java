package io.github.specpipeline.core.task;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a task reads its spec from.
 *
 * @param specFile      the JSON spec
 * @param sourceDdl     a directory of CREATE TABLE files, or null
 * @param baseDirectory the project directory; file names in messages are shown relative to it
 */
public record SpecInput(Path specFile, Path sourceDdl, Path baseDirectory) {
    /**
     * The inputs as a host's parameters give them. A source DDL directory that does not exist counts as none given:
     * the default ({@code src/main/spec/source_ddl}) is optional, and without DDL the source columns are simply
     * unknown. One the user named ({@code sourceDdlNamed}) is kept, so that the task reports it missing.
     */
    public static SpecInput of(Path specFile, Path sourceDdl, boolean sourceDdlNamed, Path baseDirectory) {
        boolean use = sourceDdl != null && (sourceDdlNamed || Files.exists(sourceDdl));
        return new SpecInput(specFile, use ? sourceDdl : null, baseDirectory);
    }

    /** The spec file as shown in diagnostics: relative to the base directory when inside it, with '/'. */
    public String displayName(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path base = baseDirectory == null ? null : baseDirectory.toAbsolutePath().normalize();
        Path shown = base != null && abs.startsWith(base) ? base.relativize(abs) : abs;
        return shown.toString().replace('\\', '/');
    }
}
