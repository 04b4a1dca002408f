package io.github.specpipeline.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputDirectoryTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../x", "/etc/passwd", "a//b", "./a", "a\\..\\b", "C:x", "a/\0b", ""})
    void refusesPathsThatCouldLeaveTheDirectory(String path) {
        OutputDirectory out = new OutputDirectory(dir.resolve("out"));
        assertThatThrownBy(() -> out.writeString(path, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void writesUtf8AndReplacesAtomicallyWithoutLeavingTemporaryFiles() throws IOException {
        OutputDirectory out = new OutputDirectory(dir);
        out.writeString("a/b/c.txt", "first ü\n");
        Path file = out.writeString("a/b/c.txt", "second ü\n");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("second ü\n");
        try (Stream<Path> files = Files.list(dir.resolve("a/b"))) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFailingWriterLeavesThePreviousFileIntact() throws IOException {
        OutputDirectory out = new OutputDirectory(dir);
        Path file = out.writeString("report.json", "{\"ok\": true}\n");
        assertThatThrownBy(() -> out.write("report.json", o -> {
                    o.write("{\"half".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("renderer failed");
                }))
                .hasMessage("renderer failed");
        assertThat(Files.readString(file)).isEqualTo("{\"ok\": true}\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void unchangedContentIsNotWrittenAgain() throws IOException {
        OutputDirectory out = new OutputDirectory(dir);
        Path f = out.writeIfChanged("x.csv", "a,b\n".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        out.writeIfChanged("x.csv", "a,b\n".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.getLastModifiedTime(f).toInstant()).isEqualTo(Instant.parse("2001-01-01T00:00:00Z"));
        out.writeIfChanged("x.csv", "a,c\n".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(f)).isEqualTo("a,c\n");
    }

    @Test
    void aDirectoryRemovedBetweenWritesIsMadeAgain() throws IOException {
        OutputDirectory out = new OutputDirectory(dir);
        out.writeString("a/b/one.txt", "1");
        Files.delete(dir.resolve("a/b/one.txt"));
        Files.delete(dir.resolve("a/b"));
        Path two = out.writeString("a/b/two.txt", "2");
        assertThat(Files.readString(two)).isEqualTo("2");
    }
}
