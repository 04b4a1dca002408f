package io.github.specpipeline.core.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The projects the mutations start from: the example project (spec, six DDL files, six seeds) and the hostile
 * export spec (quotes, markup and Unicode in every text field; its DDL, no seeds).
 */
public final class Corpus {
    static final Path EXAMPLE = Path.of("../examples/shop-analytics/src");
    static final Path HOSTILE = Path.of("src/test/resources/export/hostile");

    private Corpus() {}

    public static List<FuzzCase> bases() throws IOException {
        return List.of(example(), hostile());
    }

    static FuzzCase example() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        files.put(FuzzCase.SPEC, Files.readAllBytes(EXAMPLE.resolve("main/spec/spec.json")));
        copy(EXAMPLE.resolve("main/spec/source_ddl"), ".sql", FuzzCase.DDL, files);
        copy(EXAMPLE.resolve("test/seeds"), ".csv", FuzzCase.SEEDS, files);
        return new FuzzCase(FuzzFamily.JSON, "example", "the example project, unchanged", files);
    }

    static FuzzCase hostile() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        files.put(FuzzCase.SPEC, Files.readAllBytes(HOSTILE.resolve("spec.json")));
        copy(HOSTILE.resolve("source_ddl"), ".sql", FuzzCase.DDL, files);
        return new FuzzCase(FuzzFamily.JSON, "hostile", "the hostile export spec, unchanged", files);
    }

    private static void copy(Path dir, String ext, String to, Map<String, byte[]> files) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(f -> f.getFileName().toString().endsWith(ext))
                    .sorted()
                    .toList()) {
                files.put(to + "/" + p.getFileName(), Files.readAllBytes(p));
            }
        }
    }
}
