package io.github.specpipeline.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays saved fuzz inputs: {@code -Dfuzz.replay=spec-core/target/fuzz-findings} (a folder of findings, or one
 * finding's folder) runs each again through the tasks of its family and expects it to pass now. Without the
 * property it replays the inputs kept in {@code src/test/resources/fuzz/replay}.
 */
class FuzzReplayTest {
    static final Path KEPT = Path.of("src/test/resources/fuzz/replay");

    @TempDir
    Path work;

    @TestFactory
    List<DynamicTest> savedInputsPassNow() throws IOException {
        String property = System.getProperty("fuzz.replay");
        Path dir = property == null || property.isBlank() ? KEPT : Path.of(property);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path c : cases(dir)) {
            tests.add(DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
                FuzzCase input = FuzzCase.load(c);
                Path root = Files.createDirectories(work.resolve(input.id()));
                FuzzHarness.Verdict v = new FuzzHarness(Duration.ofSeconds(Long.getLong("fuzz.timeout", 10)))
                        .run(input, FuzzSession.tasks(input.family(), 0, 1), root, true);
                assertThat(v.ok())
                        .as(input.mutation() + "\n" + v.kind() + " " + v.signature() + "\n" + v.detail())
                        .isTrue();
            }));
        }
        return tests;
    }

    static List<Path> cases(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        if (Files.exists(dir.resolve(FuzzCase.PROPERTIES))) {
            return List.of(dir);
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> Files.exists(p.resolve(FuzzCase.PROPERTIES)))
                    .sorted()
                    .toList();
        }
    }
}
