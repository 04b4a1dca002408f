package io.github.specpipeline.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.Version;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.task.GenerateTask;
import io.github.specpipeline.core.task.SpecInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every file generated for every target from a spec must equal its golden copy under
 * {@code generate/golden/<case>/}. Run with {@code -Dgolden.update=true} to rewrite them, then review the diff.
 * The library version in headers is written {@code @VERSION@} in the golden files.
 */
public class GenerateGoldenTest {
    public static final Path ROOT = Path.of("src/test/resources/generate");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    public static Map<String, String> generate(String name, Path out) throws IOException {
        Path dir = ROOT.resolve(name);
        Path ddl = dir.resolve("source_ddl");
        GenerateTask.Result r = GenerateTask.run(
                new GenerateTask.Options(
                        new SpecInput(dir.resolve("spec.json"), Files.isDirectory(ddl) ? ddl : null, dir),
                        out,
                        EnumSet.allOf(Target.class),
                        dir.resolve("seeds")),
                SpecLog.NONE);
        assertThat(r.failed()).as(r.summary() + "\n" + r.load().diagnostics()).isFalse();
        Map<String, String> files = tree(out);
        // the validation reports every goal writes are not generated code (ValidateTask's tests cover them)
        files.keySet().removeIf(f -> f.startsWith("validation/"));
        return files;
    }

    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(
                        root.relativize(p).toString().replace('\\', '/'),
                        Files.readString(p, StandardCharsets.UTF_8).replace(Version.get(), "@VERSION@"));
            }
        }
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "shop-analytics",
                "hostile",
                "date-parts",
                "filter-stages",
                "named-expressions",
                "incremental",
                "union"
            })
    void generatedFilesMatchTheGoldenFiles(String name, @TempDir Path out) throws IOException {
        Map<String, String> actual = generate(name, out);
        Path golden = ROOT.resolve("golden/" + name);
        if (UPDATE) {
            if (Files.isDirectory(golden)) {
                try (Stream<Path> walk = Files.walk(golden)) {
                    for (Path p :
                            walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            for (Map.Entry<String, String> e : actual.entrySet()) {
                Path p = golden.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
            }
        }
        Map<String, String> expected = tree(golden);
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String file : expected.keySet()) {
            assertThat(actual.get(file)).as(file).isEqualTo(expected.get(file));
        }
    }
}
