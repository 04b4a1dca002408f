package io.github.specpipeline.core.task;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The base a spec is compared with ({@code specpipeline.base}): another spec file ({@code path/to/old/spec.json},
 * relative to the project directory), or the spec as it is in a git revision ({@code git:origin/main}), read from
 * the history of the repository the spec file is in. The spec's path (and the source DDL directory's) in that
 * revision is its path relative to the repository's root now. Nothing in the working tree is touched: the files
 * are read with git's plumbing and loaded from a temporary directory, which is deleted again.
 *
 * <p>The base is validated like the spec, with the same targets and the same DDL reading (the DDL of the revision
 * when it has one, else the current DDL), so that the two specs' output column types are comparable.
 */
public final class SpecBase {
    /** What a base given as a git revision starts with. */
    public static final String GIT = "git:";

    private SpecBase() {}

    /** A base that could be read, or why not. */
    public sealed interface Result permits Loaded, Failed {}

    /**
     * @param label the base as the user gave it
     * @param spec  the base spec, validated (it may have errors of its own; they are not the current spec's)
     */
    public record Loaded(String label, ValidatedSpec spec) implements Result {}

    /** The base could not be read; {@code diagnostic} says why (SP500 to SP505). */
    public record Failed(Diagnostic diagnostic) implements Result {}

    /** Reads {@code base} for the spec of {@code current}. */
    public static Result load(String base, SpecInput current) throws IOException {
        String shown = current.displayName(current.specFile());
        if (base == null || base.isBlank()) {
            return failed(DiagnosticCode.SP500, shown, "no base to compare " + shown + " with: set specpipeline.base");
        }
        if (base.startsWith(GIT)) {
            return fromGit(base, base.substring(GIT.length()), current, shown);
        }
        Path dir = current.baseDirectory() == null ? Path.of("") : current.baseDirectory();
        Path file = dir.resolve(base);
        if (!Files.isRegularFile(file)) {
            return failed(
                    DiagnosticCode.SP500,
                    shown,
                    "the base spec " + base + " does not exist or is not a file (resolved to "
                            + file.toAbsolutePath().normalize() + ")");
        }
        return loaded(base, new SpecInput(file, current.sourceDdl(), dir, current.targets(), current.googleSql()));
    }

    private static Result fromGit(String label, String revision, SpecInput current, String shown) throws IOException {
        Path spec = current.specFile().toAbsolutePath().normalize();
        Path parent = spec.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return failed(DiagnosticCode.SP501, shown, "the directory of " + shown + " does not exist");
        }
        try {
            GitHistory git = GitHistory.of(parent);
            String commit = git.commit(revision);
            String path = inRepository(git.root(), spec);
            Optional<byte[]> text = git.file(commit, path);
            if (text.isEmpty()) {
                return failed(
                        DiagnosticCode.SP503,
                        shown,
                        path + " does not exist at " + label + " (commit "
                                + commit.substring(0, Math.min(12, commit.length())) + ") in " + git.root());
            }
            Path temp = Files.createTempDirectory("spec-pipeline-base");
            try {
                Path baseSpec = temp.resolve(spec.getFileName().toString());
                Files.write(baseSpec, text.get());
                Path ddl = current.sourceDdl();
                if (ddl != null && Files.isDirectory(ddl)) {
                    String ddlPath =
                            inRepository(git.root(), ddl.toAbsolutePath().normalize());
                    List<String> names = git.files(commit, ddlPath);
                    Path baseDdl = temp.resolve("source_ddl");
                    for (String name : names) {
                        if (safeName(name)) {
                            Optional<byte[]> file = git.file(commit, ddlPath + "/" + name);
                            if (file.isPresent()) {
                                Files.createDirectories(baseDdl);
                                Files.write(baseDdl.resolve(name), file.get());
                            }
                        }
                    }
                    if (Files.isDirectory(baseDdl)) {
                        ddl = baseDdl;
                    }
                }
                return loaded(label, new SpecInput(baseSpec, ddl, temp, current.targets(), current.googleSql()));
            } finally {
                deleteTree(temp);
            }
        } catch (GitHistory.GitException e) {
            DiagnosticCode code = switch (e.reason()) {
                case NOT_A_REPOSITORY -> DiagnosticCode.SP501;
                case UNKNOWN_REVISION -> DiagnosticCode.SP502;
                case GIT_FAILED -> DiagnosticCode.SP504;
            };
            return failed(code, shown, "cannot read the base " + label + ": " + e.getMessage());
        }
    }

    /** The path of {@code file} relative to the repository root, with '/' (the file itself need not exist now). */
    private static String inRepository(Path root, Path file) throws IOException {
        Path real = file;
        Path missing = Path.of("");
        while (real != null && !Files.exists(real)) {
            missing = real.getFileName().resolve(missing);
            real = real.getParent();
        }
        Path resolved = real == null ? file : real.toRealPath().resolve(missing);
        Path relative = resolved.startsWith(root) ? root.relativize(resolved) : resolved;
        return relative.toString().replace('\\', '/');
    }

    /** A file name from a tree listing that stays in its directory. */
    private static boolean safeName(String name) {
        return !name.isEmpty()
                && !name.equals(".")
                && !name.equals("..")
                && name.indexOf('/') < 0
                && name.indexOf('\\') < 0
                && name.indexOf(':') < 0;
    }

    private static Result loaded(String label, SpecInput input) {
        SpecLoader.Result load = SpecLoader.load(input);
        if (load.spec().isEmpty()) {
            String why = load.diagnostics().stream()
                    .filter(Diagnostic::isError)
                    .findFirst()
                    .map(d -> d.code().id() + " " + d.message())
                    .orElse("it could not be read");
            return failed(DiagnosticCode.SP505, label, "the base spec " + label + " cannot be read as a spec: " + why);
        }
        return new Loaded(label, load.spec().get());
    }

    private static Failed failed(DiagnosticCode code, String file, String message) {
        return new Failed(new Diagnostic(Severity.ERROR, code, message, file, 0, 0, "", code.fix()));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
