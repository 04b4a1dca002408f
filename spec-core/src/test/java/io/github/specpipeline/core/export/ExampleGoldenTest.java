package io.github.specpipeline.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.task.ExportTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CSV set and the Mermaid document of the example project are the golden files under
 * {@code export/golden/shop-analytics}. Run with {@code -Dgolden.update=true} to rewrite them, then review the diff.
 */
class ExampleGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/export/golden/shop-analytics");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TempDir
    static Path out;

    @BeforeAll
    static void export() throws IOException {
        ExportTask.Result r = ExportFixtures.export(ExportFixtures.example(), out);
        assertThat(r.failed()).isFalse();
        if (UPDATE) {
            deleteTree(GOLDEN);
            for (String f : golden()) {
                Path target = GOLDEN.resolve(f);
                Files.createDirectories(target.getParent());
                Files.copy(out.resolve("review").resolve(f), target);
            }
        }
    }

    /** The files under golden control: the CSV set and diagram.md. */
    static List<String> golden() throws IOException {
        List<String> files = new ArrayList<>();
        for (String f : ExportFixtures.files(out.resolve("review"))) {
            if (f.startsWith("csv/") || f.equals("diagram.md")) {
                files.add(f);
            }
        }
        return files;
    }

    static Stream<String> goldenFiles() throws IOException {
        return ExportFixtures.files(GOLDEN).stream();
    }

    @Test
    void theSameFilesAreWritten() throws IOException {
        assertThat(golden()).containsExactlyElementsOf(ExportFixtures.files(GOLDEN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void fileMatchesItsGoldenCopy(String file) throws IOException {
        assertThat(Files.readString(out.resolve("review").resolve(file), StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(GOLDEN.resolve(file), StandardCharsets.UTF_8));
    }

    @Test
    void everyMermaidFileIsOneBlockOfTheMarkdownDocument() throws IOException {
        String md = Files.readString(out.resolve("review/diagram.md"));
        List<String> blocks = new ArrayList<>();
        int at = 0;
        while ((at = md.indexOf("```mermaid\n", at)) >= 0) {
            int end = md.indexOf("```\n", at + 11);
            blocks.add(md.substring(at + 11, end));
            at = end;
        }
        List<String> mmd = ExportFixtures.files(out.resolve("review/mermaid"));
        assertThat(mmd)
                .hasSize(blocks.size())
                .contains("pipeline.mmd", "model_stg_orders.flow.mmd", "model_stg_orders.lineage.mmd");
        for (String f : mmd) {
            assertThat(blocks)
                    .contains(Files.readString(out.resolve("review/mermaid").resolve(f)));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
