package io.github.specpipeline.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.specpipeline.core.task.OutputTimestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExportOptionsTest {
    @Test
    void formatsAreAListOfNamesAndBlankMeansAll() {
        assertThat(ExportFormat.parseList("csv")).containsExactly(ExportFormat.CSV);
        assertThat(ExportFormat.parseList(" HTML , xlsx,")).containsExactly(ExportFormat.XLSX, ExportFormat.HTML);
        assertThat(ExportFormat.parseList("")).isEqualTo(EnumSet.allOf(ExportFormat.class));
        assertThat(ExportFormat.parseList("all")).isEqualTo(EnumSet.allOf(ExportFormat.class));
        assertThat(ExportFormat.parseList("xlsx,csv,mermaid,html")).isEqualTo(EnumSet.allOf(ExportFormat.class));
    }

    @Test
    void anUnknownFormatIsNamedInTheError() {
        assertThatThrownBy(() -> ExportFormat.parseList("csv,pdf,docx"))
                .hasMessage(
                        "unknown export formats 'pdf', 'docx'; use a comma-separated list of xlsx, csv, mermaid, html (or all)");
    }

    @Test
    void outputTimestampIsReadAsMavenReadsIt() {
        assertThat(OutputTimestamp.parse("2026-01-01T00:00:00Z")).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(OutputTimestamp.parse("2026-01-01T02:00:00+02:00")).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(OutputTimestamp.parse("1767225600")).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(OutputTimestamp.parse(null)).isEqualTo(Optional.empty());
        assertThat(OutputTimestamp.parse("")).isEmpty();
        assertThat(OutputTimestamp.parse("0")).isEmpty();
        assertThat(OutputTimestamp.parse("${project.build.outputTimestamp}")).isEmpty();
        assertThatThrownBy(() -> OutputTimestamp.parse("yesterday"))
                .hasMessageContaining("'yesterday' is not an ISO 8601");
    }
}
