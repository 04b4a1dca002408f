package io.github.specpipeline.maven.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.report.Block;
import io.github.specpipeline.core.report.Inline;
import io.github.specpipeline.core.report.ReportPage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.doxia.siterenderer.DocumentRenderingContext;
import org.apache.maven.doxia.siterenderer.sink.SiteRendererSink;
import org.junit.jupiter.api.Test;

/**
 * A page of every block kind, with hostile text everywhere, through the sink maven-site-plugin renders reports
 * with. The golden file ({@code report/page.html}) is the body the site gets; {@code -Dgolden.update=true}
 * rewrites it.
 */
class SinkPageRendererTest {
    static final Path GOLDEN = Path.of("src/test/resources/report/page.html");
    static final String EVIL = "<script>alert('x')</script> & \"q\" </pre></code><img src=x onerror=alert(1)>";

    static ReportPage page() {
        return new ReportPage(
                "spec-pipeline/model-a",
                "Model " + EVIL,
                List.of(
                        new Block.Paragraph(List.of(
                                new Inline.Text(EVIL),
                                new Inline.Code(EVIL),
                                new Inline.Strong(EVIL),
                                new Inline.Link("../spec-pipeline.html", EVIL))),
                        new Block.Section(
                                "summary",
                                "Summary " + EVIL,
                                List.of(
                                        new Block.Table(
                                                List.of("Item", EVIL),
                                                List.of(List.of(Block.Cell.text("a"), Block.Cell.code(EVIL)))),
                                        new Block.ItemList(List.of(List.of(new Inline.Text(EVIL)))),
                                        new Block.Section(
                                                "deeper",
                                                "Deeper",
                                                List.of(
                                                        new Block.Diagram(
                                                                EVIL, "flowchart LR\n  a[\"x #lt;b#gt;\"] --> b\n"),
                                                        new Block.Code("sql", "SELECT '" + EVIL + "'")))))));
    }

    static String render(ReportPage page) {
        SiteRendererSink sink =
                new SiteRendererSink(new DocumentRenderingContext(new File("target"), page.path(), "test"));
        SinkPageRenderer.render(page, sink);
        return sink.getBody();
    }

    @Test
    void theBodyMatchesItsGoldenFile() throws IOException {
        String body = render(page());
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, body, StandardCharsets.UTF_8);
        }
        assertThat(body).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void specTextNeverBecomesMarkup() {
        String body = render(page());
        assertThat(body).doesNotContain("<script>alert", "<img", "</pre></code><img");
        assertThat(body).contains("&lt;script&gt;alert(");
        // the only script elements are the two the page asks for, with their relative URLs
        assertThat(body.split("<script", -1)).hasSize(3);
        assertThat(body)
                .contains(
                        "<script src=\"assets/mermaid.min.js\"></script>",
                        "<script src=\"assets/spec-pipeline-report.js\"></script>",
                        "<link rel=\"stylesheet\" href=\"assets/spec-pipeline-report.css\">");
        // a diagram is a pre.mermaid whose text the browser gives Mermaid unescaped
        assertThat(body).contains("<pre class=\"mermaid\">flowchart LR\n  a[&quot;x #lt;b#gt;&quot;] --&gt; b\n</pre>");
    }

    @Test
    void sectionsCarryTheirIdsAndNestByLevel() {
        String body = render(page());
        assertThat(body).contains("<h1>Model ", "<h2 id=\"summary\">Summary ", "<h3 id=\"deeper\">Deeper</h3>");
    }

    @Test
    void aPageWithoutDiagramsLoadsNoScript() {
        String body = render(new ReportPage(
                "spec-pipeline/diagnostics", "D", List.of(new Block.Paragraph(List.of(new Inline.Text("x"))))));
        assertThat(body).doesNotContain("<script").contains("href=\"assets/spec-pipeline-report.css\"");
    }

    @Test
    void theOverviewAtTheSiteRootLoadsTheAssetsFromTheReportFolder() {
        String body = render(
                new ReportPage("spec-pipeline", "O", List.of(new Block.Diagram("c", "flowchart LR\n  a --> b\n"))));
        assertThat(body)
                .contains(
                        "<script src=\"spec-pipeline/assets/mermaid.min.js\"></script>",
                        "<link rel=\"stylesheet\" href=\"spec-pipeline/assets/spec-pipeline-report.css\">");
    }
}
