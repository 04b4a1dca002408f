package io.github.specpipeline.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fuzzer's own parts: inputs made again from seed and index, saved and loaded, and the checks that see a break. */
class FuzzHarnessTest {
    @TempDir
    Path dir;

    @Test
    void anInputDependsOnlyOnTheSeedAndItsIndex() throws IOException {
        List<FuzzCase> bases = Corpus.bases();
        for (FuzzFamily f : FuzzFamily.values()) {
            FuzzCase a = FuzzSession.make(17, 8 + f.ordinal(), f, bases, Limits.LONG);
            FuzzCase b = FuzzSession.make(17, 8 + f.ordinal(), f, bases, Limits.LONG);
            assertThat(a.mutation()).isEqualTo(b.mutation());
            assertThat(a.files().keySet()).isEqualTo(b.files().keySet());
            a.files().forEach((k, v) -> assertThat(b.files().get(k)).as(k).isEqualTo(v));
        }
        assertThat(FuzzSession.make(17, 0, FuzzFamily.SQL, bases, Limits.LONG).mutation())
                .isNotEqualTo(FuzzSession.make(18, 0, FuzzFamily.SQL, bases, Limits.LONG)
                        .mutation());
    }

    @Test
    void aSavedInputLoadsWithTheSameFilesAndFamily() throws IOException {
        FuzzCase c = FuzzSession.make(17, 3, FuzzFamily.SEEDS, Corpus.bases(), Limits.BUILD);
        c.save(dir.resolve("saved"), Map.of("kind", "HANG"));
        FuzzCase back = FuzzCase.load(dir.resolve("saved"));
        assertThat(back.family()).isEqualTo(FuzzFamily.SEEDS);
        assertThat(back.mutation()).isEqualTo(c.mutation());
        assertThat(back.files().keySet()).isEqualTo(c.files().keySet());
        c.files().forEach((k, v) -> assertThat(back.files().get(k)).as(k).isEqualTo(v));
        assertThat(FuzzReplayTest.cases(dir)).containsExactly(dir.resolve("saved"));
    }

    @Test
    void theSnapshotSeesAFileWrittenOutsideTheOutputAndIgnoresTheOutput() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("spec.json"), "{}");
        Map<String, String> before = FuzzHarness.snapshot(dir, out);
        Files.writeString(out.resolve("report.json"), "{}");
        assertThat(FuzzHarness.snapshot(dir, out)).isEqualTo(before);
        Files.writeString(dir.resolve("stray.sql"), "");
        assertThat(FuzzHarness.snapshot(dir, out)).containsKey("stray.sql").isNotEqualTo(before);
    }

    @Test
    void exceptionNamesAndStackFramesInALogLineAreSeen() {
        assertThat(FuzzHarness.INTERNAL
                        .matcher("the DuckDB pipeline could not be generated: java.lang.NullPointerException")
                        .find())
                .isTrue();
        assertThat(FuzzHarness.INTERNAL
                        .matcher("failed\n\tat io.github.X.run(X.java:3)")
                        .find())
                .isTrue();
        assertThat(FuzzHarness.INTERNAL
                        .matcher("spec.json:3:4: error[SP301] the fragment does not parse: Encountered ')'")
                        .find())
                .isFalse();
    }

    @Test
    void aSizeIsBetweenOneAndTheLimit() {
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(Text.size(r, 600)).isBetween(1, 600);
        }
    }
}
