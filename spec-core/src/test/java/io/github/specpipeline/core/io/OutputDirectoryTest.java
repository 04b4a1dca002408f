package io.github.specpipeline.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputDirectoryTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void writesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        OutputDirectory out = new OutputDirectory(dir);
        out.writeString("a/b.txt", "one");
        out.writeString("a/b.txt", "two");
        assertThat(Files.readString(dir.resolve("a/b.txt"))).isEqualTo("two");
        assertThat(names()).containsExactly("a/b.txt");
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndRemovesItsTemporaryFile() throws IOException {
        OutputDirectory out = new OutputDirectory(dir);
        out.writeString("f.txt", "old");
        assertThatThrownBy(() -> out.write("f.txt", os -> {
            os.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("render failed");
        })).hasMessage("render failed");
        assertThat(Files.readString(dir.resolve("f.txt"))).isEqualTo("old");
        assertThat(names()).containsExactly("f.txt");
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
    void pathsThatLeaveTheDirectoryAreRefused() {
        OutputDirectory out = new OutputDirectory(dir);
        for (String bad : List.of("../x", "/etc/passwd", "a/../../x", "a\\b", "c:x", "", "a//b", "./x")) {
            assertThatThrownBy(() -> out.writeString(bad, "x")).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
