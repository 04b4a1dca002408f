package io.github.specpipeline.core.generate.duckdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The seed CSV files {@code load_seeds.sql} loads, found as the {@code test} goal finds them: {@code <table>.csv} in
 * the seeds folder, the table name matched ignoring case.
 *
 * @param location the folder as {@code read_csv} is given it: relative to the project directory, which is where
 *                 the generated SQL is run from (an absolute path only when there is no project directory), '/'
 *                 separators; null when there is no seeds folder
 * @param files    the names of the {@code *.csv} files in it, sorted
 */
public record SeedFiles(String location, List<String> files) {
    /** No seeds folder. */
    public static final SeedFiles NONE = new SeedFiles(null, List.of());

    public SeedFiles {
        files = List.copyOf(files);
    }

    /** The seed files of {@code folder} (null or missing: none); {@code project} is the project directory, or null. */
    public static SeedFiles of(Path folder, Path project) throws IOException {
        if (folder == null || !Files.isDirectory(folder)) {
            return NONE;
        }
        Path abs = folder.toAbsolutePath().normalize();
        Path shown =
                project == null ? abs : project.toAbsolutePath().normalize().relativize(abs);
        String location = shown.toString().replace('\\', '/');
        List<String> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .sorted()
                    .toList();
        }
        return new SeedFiles(location.isEmpty() ? "." : location, files);
    }

    /** The path of the seed of {@code table}, as {@code read_csv} is given it. */
    public Optional<String> seedOf(String table) {
        String wanted = table.toLowerCase(Locale.ROOT) + ".csv";
        return files.stream()
                .filter(f -> f.toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .map(f -> location + "/" + f);
    }

    /** Where the seed of {@code table} would be, for a comment. */
    public String expected(String table) {
        return (location == null ? "<seeds folder>" : location) + "/" + table + ".csv";
    }
}
