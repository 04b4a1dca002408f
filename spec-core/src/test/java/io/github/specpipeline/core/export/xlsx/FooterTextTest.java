package io.github.specpipeline.core.export.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FooterTextTest {
    @Test
    void aFooterEscapesAmpersandsAndKeepsTheEndOfALongSpecPath() {
        assertThat(WorkbookRenderer.footerText("a&b.json")).isEqualTo("a&&b.json");
        assertThat(WorkbookRenderer.footerText("a\nb")).isEqualTo("ab");
        String longPath = "x/".repeat(200) + "spec.json";
        assertThat(WorkbookRenderer.footerText(longPath))
                .hasSize(WorkbookRenderer.MAX_FOOTER_TEXT)
                .startsWith("\u2026")
                .endsWith("/spec.json");
    }
}
