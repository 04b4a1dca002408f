package io.github.specpipeline.core.task;

import io.github.specpipeline.core.generate.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where a task reads its spec from, and the generation targets the spec is checked for.
 *
 * <p>The targets live here, beside the spec, because they change what the spec's findings are (SP304: a function
 * without a translation for a target): every goal reads its spec through this record, so every goal of a build
 * checks the same targets and reports the same findings.
 *
 * @param specFile      the JSON spec, or a spec directory (spec.json and one file per model under models/)
 * @param sourceDdl     a directory of CREATE TABLE files, or null
 * @param baseDirectory the project directory; file names in messages are shown relative to it
 * @param targets       the generation targets ({@code specpipeline.targets}): every SQL fragment must translate to
 *                      their dialects, and {@code generate} writes their code
 * @param googleSql     whether validation also analyzes every SQL fragment with BigQuery's analyzer (GoogleSQL;
 *                      {@code specpipeline.googleSql}, default on); like the targets, it changes the findings, so
 *                      every goal of a build reads it from here
 * @param environment   the spec environment whose schema names generated code and the {@code test} goal use
 *                      ({@code specpipeline.environment}); null for the spec's own names
 */
public record SpecInput(
        Path specFile, Path sourceDdl, Path baseDirectory, Set<Target> targets, boolean googleSql, String environment) {
    public SpecInput {
        environment = environment == null || environment.isBlank() ? null : environment.strip();
        Objects.requireNonNull(targets, "targets");
        // an EnumSet keeps the targets' order, so messages that list them are the same on every run
        targets =
                Collections.unmodifiableSet(targets.isEmpty() ? EnumSet.allOf(Target.class) : EnumSet.copyOf(targets));
    }

    /** A spec without an environment. */
    public SpecInput(Path specFile, Path sourceDdl, Path baseDirectory, Set<Target> targets, boolean googleSql) {
        this(specFile, sourceDdl, baseDirectory, targets, googleSql, null);
    }

    /** A spec checked for {@code targets}, with GoogleSQL's analysis. */
    public SpecInput(Path specFile, Path sourceDdl, Path baseDirectory, Set<Target> targets) {
        this(specFile, sourceDdl, baseDirectory, targets, true);
    }

    /** A spec checked for every target. */
    public SpecInput(Path specFile, Path sourceDdl, Path baseDirectory) {
        this(specFile, sourceDdl, baseDirectory, EnumSet.allOf(Target.class));
    }

    /**
     * The inputs as a host's parameters give them. A source DDL directory that does not exist counts as none given:
     * the default ({@code src/main/spec/source_ddl}) is optional, and without DDL the source columns are simply
     * unknown. One the user named ({@code sourceDdlNamed}) is kept, so that the task reports it missing.
     */
    public static SpecInput of(Path specFile, Path sourceDdl, boolean sourceDdlNamed, Path baseDirectory) {
        return of(specFile, sourceDdl, sourceDdlNamed, baseDirectory, EnumSet.allOf(Target.class));
    }

    /** As {@link #of(Path, Path, boolean, Path)}, checked for {@code targets}. */
    public static SpecInput of(
            Path specFile, Path sourceDdl, boolean sourceDdlNamed, Path baseDirectory, Set<Target> targets) {
        boolean use = sourceDdl != null && (sourceDdlNamed || Files.exists(sourceDdl));
        return new SpecInput(specFile, use ? sourceDdl : null, baseDirectory, targets);
    }

    /** The same input checked for other targets. */
    public SpecInput withTargets(Set<Target> other) {
        return new SpecInput(specFile, sourceDdl, baseDirectory, other, googleSql, environment);
    }

    /** The same input, with or without GoogleSQL's analysis of every fragment. */
    public SpecInput withGoogleSql(boolean on) {
        return new SpecInput(specFile, sourceDdl, baseDirectory, targets, on, environment);
    }

    /** The same input building for the named environment (null or blank: the spec's own schema names). */
    public SpecInput withEnvironment(String name) {
        return new SpecInput(specFile, sourceDdl, baseDirectory, targets, googleSql, name);
    }

    /** Whether the spec is a directory of files (spec.json and models/**&#47;*.json) rather than one file. */
    public boolean isDirectory() {
        return Files.isDirectory(specFile);
    }

    /** The target ids, in the targets' order, comma-separated: {@code dataform, dbt}. */
    public String targetList() {
        return String.join(", ", targets.stream().map(Target::id).toList());
    }

    /** The spec file as shown in diagnostics: relative to the base directory when inside it, with '/'. */
    public String displayName(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path base =
                baseDirectory == null ? null : baseDirectory.toAbsolutePath().normalize();
        Path shown = base != null && abs.startsWith(base) ? base.relativize(abs) : abs;
        return shown.toString().replace('\\', '/');
    }
}
