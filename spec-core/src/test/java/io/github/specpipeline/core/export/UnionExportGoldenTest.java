package io.github.specpipeline.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.task.ExportTask;
import io.github.specpipeline.core.task.SpecInput;
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
 * The review of a union (issue 14): the CSV set and the Mermaid document of the {@code union} spec are the golden
 * files under {@code export/golden/union} ({@code -Dgolden.update=true} rewrites them). Each union member is a source
 * in the review tables and an edge into its model in the DAG; a model's structure diagram shows the members flowing
 * into one UNION node that its joins and filters read.
 */
class UnionExportGoldenTest {
    static final Path SPEC = Path.of("src/test/resources/generate/union");
    static final Path GOLDEN = Path.of("src/test/resources/export/golden/union");

    @TempDir
    static Path out;

    @BeforeAll
    static void export() throws IOException {
        ExportTask.Result r =
                ExportFixtures.export(new SpecInput(SPEC.resolve("spec.json"), SPEC.resolve("source_ddl"), SPEC), out);
        assertThat(r.failed()).isFalse();
        if (ExampleGoldenTest.UPDATE) {
            for (String f : golden()) {
                Path target = GOLDEN.resolve(f);
                Files.createDirectories(target.getParent());
                Files.copy(out.resolve("review").resolve(f), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

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
    void everyUnionMemberIsAnEdgeOfTheDag() throws IOException {
        String md = Files.readString(out.resolve("review/diagram.md"), StandardCharsets.UTF_8);
        assertThat(md).contains("r_orders_eu --> ", "r_orders_us --> ", "r_refunds_eu --> ", "r_refunds_us --> ");
        assertThat(md).contains("UNION ALL BY NAME");
    }
}
