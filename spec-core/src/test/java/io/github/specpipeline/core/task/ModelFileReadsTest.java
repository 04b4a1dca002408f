package io.github.specpipeline.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The read-ahead of a spec directory's model files hands out every file's problems in path order, from any thread. */
class ModelFileReadsTest {

    private static List<Path> files(int n) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Path.of("models", String.format("%05d.json", i)));
        }
        return out;
    }

    private static Diagnostic problem(Path file, int k) {
        return new Diagnostic(Severity.ERROR, DiagnosticCode.SP001, "problem " + k, file.toString(), k, 1, "", "");
    }

    @Test
    void handsOutEveryFileInOrderWithItsProblems() {
        List<Path> files = files(500);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (ModelFileReads reads = ModelFileReads.start(files, (file, problems) -> {
            threads.add(Thread.currentThread().getName());
            int n = file.getFileName().toString().charAt(4) - '0'; // 0 to 9 problems, by the file's last digit
            for (int k = 0; k < n; k++) {
                problems.add(problem(file, k));
            }
            return Optional.empty();
        })) {
            for (Path file : files) {
                ModelFileReads.Read read = reads.next();
                int n = file.getFileName().toString().charAt(4) - '0';
                List<Diagnostic> expected = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    expected.add(problem(file, k));
                }
                assertThat(read.problems()).isEqualTo(expected);
                assertThat(read.document()).isEmpty();
            }
            assertThatThrownBy(reads::next).isInstanceOf(IllegalStateException.class);
        }
        if (Runtime.getRuntime().availableProcessors() > 1) {
            assertThat(threads).containsExactly("spec-pipeline-model-files");
        }
    }

    @Test
    void aFailureOfTheReaderIsThrownForItsFile() {
        List<Path> files = files(20);
        try (ModelFileReads reads = ModelFileReads.start(files, (file, problems) -> {
            if (file.equals(files.get(7))) {
                throw new IllegalArgumentException("broken " + file);
            }
            return Optional.empty();
        })) {
            for (int i = 0; i < 7; i++) {
                reads.next();
            }
            assertThatThrownBy(reads::next)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("00007");
        }
    }

    @Test
    void closingEarlyStopsTheReadingThread() {
        List<Path> files = files(10_000);
        ModelFileReads reads = ModelFileReads.start(files, (file, problems) -> Optional.empty());
        reads.next();
        reads.close(); // returns only when the thread has ended: it would otherwise wait for room forever
        assertThat(reads.reading()).isFalse();
    }
}
