package io.github.specpipeline.core.task;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads files from a git repository's history with the {@code git} command: plumbing only ({@code rev-parse},
 * {@code cat-file}, {@code ls-tree}), which reads objects and never touches the working tree or the index
 * ({@code GIT_OPTIONAL_LOCKS=0}: not even the index's stat refresh). Arguments are passed as a list, never
 * through a shell, and a revision cannot be read as an option.
 */
final class GitHistory {
    /** Why a read from history failed, in words for the user. */
    static final class GitException extends Exception {
        enum Reason {
            NOT_A_REPOSITORY,
            UNKNOWN_REVISION,
            GIT_FAILED
        }

        private final Reason reason;

        GitException(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        Reason reason() {
            return reason;
        }
    }

    private final Path root;

    private GitHistory(Path root) {
        this.root = root;
    }

    /** The repository {@code directory} is in. */
    static GitHistory of(Path directory) throws GitException {
        Run r = run(directory, "rev-parse", "--show-toplevel");
        if (r.exit() != 0) {
            throw new GitException(
                    GitException.Reason.NOT_A_REPOSITORY,
                    directory + " is not in a git repository (git rev-parse --show-toplevel found none)");
        }
        String top = new String(r.out(), StandardCharsets.UTF_8).strip();
        try {
            return new GitHistory(Path.of(top).toRealPath());
        } catch (IOException e) {
            throw new GitException(GitException.Reason.GIT_FAILED, "cannot read the repository root " + top);
        }
    }

    Path root() {
        return root;
    }

    /** The commit {@code revision} names, checked. */
    String commit(String revision) throws GitException {
        if (revision.isEmpty() || revision.startsWith("-") || revision.indexOf('\0') >= 0) {
            throw new GitException(GitException.Reason.UNKNOWN_REVISION, "'" + revision + "' is not a revision name");
        }
        Run r = run(root, "rev-parse", "--verify", "--quiet", revision + "^{commit}");
        if (r.exit() != 0) {
            throw new GitException(
                    GitException.Reason.UNKNOWN_REVISION,
                    "unknown revision '" + revision + "' in the git repository " + root);
        }
        return new String(r.out(), StandardCharsets.US_ASCII).strip();
    }

    /** The file at {@code path} (relative to the root, with '/') in {@code commit}; empty when it is not there. */
    Optional<byte[]> file(String commit, String path) throws GitException {
        Run type = run(root, "cat-file", "-t", commit + ":" + path);
        if (type.exit() != 0
                || !new String(type.out(), StandardCharsets.US_ASCII).strip().equals("blob")) {
            return Optional.empty();
        }
        Run r = run(root, "cat-file", "blob", commit + ":" + path);
        if (r.exit() != 0) {
            throw new GitException(GitException.Reason.GIT_FAILED, "git cat-file failed on " + path);
        }
        return Optional.of(r.out());
    }

    /** The names of the files directly in the directory {@code path} in {@code commit}; empty when it is none. */
    List<String> files(String commit, String path) throws GitException {
        Run r = run(root, "ls-tree", "-z", commit + ":" + path);
        List<String> names = new ArrayList<>();
        if (r.exit() != 0) {
            return names;
        }
        for (String entry : new String(r.out(), StandardCharsets.UTF_8).split("\0")) {
            int tab = entry.indexOf('\t');
            if (tab > 0 && entry.substring(0, tab).contains(" blob ")) {
                names.add(entry.substring(tab + 1));
            }
        }
        return names;
    }

    private record Run(int exit, byte[] out) {}

    private static Run run(Path directory, String... args) throws GitException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile());
        Map<String, String> env = pb.environment();
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_OPTIONAL_LOCKS", "0");
        env.put("LC_ALL", "C");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        try {
            Process p = pb.start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            return new Run(p.waitFor(), out);
        } catch (IOException e) {
            throw new GitException(
                    GitException.Reason.GIT_FAILED,
                    "cannot run git (" + e.getMessage() + "): a git: base needs git on the PATH");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException(GitException.Reason.GIT_FAILED, "interrupted while running git");
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
