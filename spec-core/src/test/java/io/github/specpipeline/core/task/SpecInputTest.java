package io.github.specpipeline.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the plugins' spec and DDL parameters become a task's input. */
class SpecInputTest {
    @TempDir
    Path project;

    @Test
    void anExistingDdlDirectoryIsRead() throws IOException {
        Path ddl = Files.createDirectory(project.resolve("source_ddl"));
        assertThat(SpecInput.of(project.resolve("spec.json"), ddl, false, project)
                        .sourceDdl())
                .isEqualTo(ddl);
    }

    @Test
    void theDefaultDdlDirectoryIsOptional() {
        Path missing = project.resolve("src/main/spec/source_ddl");
        assertThat(SpecInput.of(project.resolve("spec.json"), missing, false, project)
                        .sourceDdl())
                .isNull();
    }

    @Test
    void aDdlDirectoryTheUserNamedIsKeptSoThatTheTaskReportsItMissing() {
        Path missing = project.resolve("typo_ddl");
        assertThat(SpecInput.of(project.resolve("spec.json"), missing, true, project)
                        .sourceDdl())
                .isEqualTo(missing);
    }

    @Test
    void noDdlIsNoDdl() {
        assertThat(SpecInput.of(project.resolve("spec.json"), null, true, project)
                        .sourceDdl())
                .isNull();
    }
}
