package io.github.specpipeline.core.export.html;

import io.github.specpipeline.core.Version;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.diff.Change;
import io.github.specpipeline.core.diff.DiffReport;
import io.github.specpipeline.core.export.Cell;
import io.github.specpipeline.core.export.ModelTables;
import io.github.specpipeline.core.export.ReviewTable;
import io.github.specpipeline.core.export.ReviewTables;
import io.github.specpipeline.core.export.SpecReview;
import io.github.specpipeline.core.export.SpecReview.ModelReview;
import io.github.specpipeline.core.export.mermaid.Diagram;
import io.github.specpipeline.core.export.mermaid.MermaidRenderer;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.SourceRef;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The review as one self-contained HTML page ({@code index.html}): navigation by model, the overview, the
 * pipeline diagrams, the validation findings, and per model its tables and its flow and lineage diagrams. It
 * needs no network: Mermaid (the bundle of the {@code org.webjars.npm:mermaid} WebJar) is inlined, and renders
 * the diagrams with {@code securityLevel: 'strict'}. With up to {@link #EAGER_DIAGRAMS} diagrams all of them are
 * rendered when the page loads; beyond that (very large specs) each is rendered when it scrolls into view, so
 * the page stays usable. All spec text is HTML-escaped; in-page links only point at anchors the page defines.
 */
public final class HtmlReviewPage {
    /** Pages with at most this many diagrams render them all on load; bigger pages render lazily. */
    public static final int EAGER_DIAGRAMS = 300;

    private static final String MERMAID_RESOURCE = "META-INF/resources/webjars/mermaid/%s/dist/mermaid.min.js";
    private static final String MERMAID_POM = "META-INF/maven/org.webjars.npm/mermaid/pom.properties";
    private static final Pattern SCRIPT_END = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);
    private static volatile String mermaidVersion;
    private static volatile String mermaidScript;

    private HtmlReviewPage() {}

    /** The version of the inlined Mermaid. */
    public static String mermaidVersion() {
        load();
        return mermaidVersion;
    }

    private static void load() {
        if (mermaidScript != null) {
            return;
        }
        synchronized (HtmlReviewPage.class) {
            if (mermaidScript != null) {
                return;
            }
            ClassLoader cl = HtmlReviewPage.class.getClassLoader();
            try {
                String version;
                try (InputStream in = cl.getResourceAsStream(MERMAID_POM)) {
                    if (in == null) {
                        throw new IllegalStateException(
                                "the Mermaid WebJar is not on the classpath (" + MERMAID_POM + ")");
                    }
                    Properties p = new Properties();
                    p.load(in);
                    version = p.getProperty("version");
                }
                String path = String.format(MERMAID_RESOURCE, version);
                try (InputStream in = cl.getResourceAsStream(path)) {
                    if (in == null) {
                        throw new IllegalStateException("the Mermaid WebJar has no " + path);
                    }
                    String js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    // inside a <script> element only "</script" (and "<!--" followed by "<script") end the script
                    js = SCRIPT_END.matcher(js).replaceAll("<\\\\/$1");
                    if (js.contains("<!--") && js.toLowerCase(Locale.ROOT).contains("<script")) {
                        js = js.replace("<!--", "<\\!--");
                    }
                    mermaidVersion = version;
                    mermaidScript = js;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes the page. */
    public static void write(SpecReview review, MermaidRenderer.Diagrams diagrams, OutputStream os) throws IOException {
        load();
        Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
        new Page(review, diagrams, w).write();
        w.flush();
    }

    static String anchor(ModelReview m) {
        return "model-" + m.key();
    }

    private static final class Page {
        private final SpecReview review;
        private final MermaidRenderer.Diagrams diagrams;
        private final Writer w;

        Page(SpecReview review, MermaidRenderer.Diagrams diagrams, Writer w) {
            this.review = review;
            this.diagrams = diagrams;
            this.w = w;
        }

        private Page p(String s) throws IOException {
            w.write(s);
            return this;
        }

        private Page e(String s) throws IOException {
            w.write(Html.escape(s));
            return this;
        }

        void write() throws IOException {
            String title = "Spec review: " + review.specFile();
            p("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                    .p("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                    .p("<meta name=\"generator\" content=\"spec-pipeline ")
                    .e(Version.get())
                    .p("\">\n")
                    .p("<title>")
                    .e(title)
                    .p("</title>\n<style>\n")
                    .p(CSS)
                    .p(review.base().isPresent() ? CHANGES_CSS : "")
                    .p("</style>\n</head>\n<body>\n");
            nav();
            p("<main>\n<header id=\"top\"><h1>")
                    .e(title)
                    .p("</h1>\n<p>")
                    .e(review.models().size() + " models, " + review.columnCount() + " output columns. Validation: "
                            + SpecReview.status(review.count(Severity.ERROR), review.count(Severity.WARNING))
                            + ". Generated by spec-pipeline " + Version.get() + " with Mermaid " + mermaidVersion + ".")
                    .p("</p>\n</header>\n");
            overview();
            pipeline();
            validation();
            changes();
            namedExpressions();
            for (ModelReview m : review.models()) {
                model(m, diagrams.of(m));
            }
            p("</main>\n<script>\n")
                    .p(mermaidScript)
                    .p("\n</script>\n<script>\n")
                    .p(init())
                    .p("</script>\n</body>\n</html>\n");
        }

        private String init() {
            return "(function () {\n"
                    + "  'use strict';\n"
                    + "  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });\n"
                    + "  var blocks = Array.prototype.slice.call(document.querySelectorAll('pre.mermaid'));\n"
                    + "  if (blocks.length <= " + EAGER_DIAGRAMS + " || !('IntersectionObserver' in window)) {\n"
                    + "    mermaid.run({ nodes: blocks });\n"
                    + "  } else {\n"
                    + "    var io = new IntersectionObserver(function (entries) {\n"
                    + "      entries.forEach(function (e) {\n"
                    + "        if (e.isIntersecting) { io.unobserve(e.target); mermaid.run({ nodes: [e.target] }); }\n"
                    + "      });\n"
                    + "    }, { rootMargin: '1500px 0px' });\n"
                    + "    blocks.forEach(function (b) { io.observe(b); });\n"
                    + "  }\n"
                    + "  var filter = document.getElementById('filter');\n"
                    + "  filter.addEventListener('input', function () {\n"
                    + "    var q = filter.value.trim().toLowerCase();\n"
                    + "    document.querySelectorAll('#model-nav li').forEach(function (li) {\n"
                    + "      li.hidden = q !== '' && li.getAttribute('data-name').indexOf(q) < 0;\n"
                    + "    });\n"
                    + "  });\n"
                    + "})();\n";
        }

        private void nav() throws IOException {
            p("<nav id=\"nav\" aria-label=\"Contents\">\n<p class=\"brand\"><a href=\"#top\">Spec review</a></p>\n")
                    .p("<ul class=\"sections\">\n<li><a href=\"#overview\">Overview</a></li>\n")
                    .p("<li><a href=\"#pipeline\">Pipeline</a></li>\n")
                    .p("<li><a href=\"#validation\">Validation</a> ")
                    .p(statusBadge(review.count(Severity.ERROR), review.count(Severity.WARNING)))
                    .p("</li>\n")
                    .p(review.base().isPresent() ? "<li><a href=\"#changes\">Changes</a></li>\n" : "")
                    .p(
                            ReviewTables.namedExpressions(review).isEmpty()
                                    ? ""
                                    : "<li><a href=\"#named-expressions\">Named expressions</a></li>\n")
                    .p("</ul>\n")
                    .p(
                            "<input id=\"filter\" type=\"search\" placeholder=\"Filter models\" aria-label=\"Filter models\">\n")
                    .p("<ul id=\"model-nav\">\n");
            for (ModelReview m : review.models()) {
                p("<li data-name=\"")
                        .e(m.displayName().toLowerCase(Locale.ROOT))
                        .p("\"><a href=\"#")
                        .p(anchor(m))
                        .p("\">")
                        .p("<span class=\"layer ")
                        .p(m.layer().id())
                        .p("\">")
                        .p(m.layer() == io.github.specpipeline.core.model.Layer.FINAL ? "F" : "S")
                        .p("</span> ")
                        .e(m.displayName())
                        .p("</a>");
                if (m.errors() > 0 || m.warnings() > 0) {
                    p(" ").p(statusBadge(m.errors(), m.warnings()));
                }
                p(changeBadge(m));
                p("</li>\n");
            }
            p("</ul>\n</nav>\n");
        }

        private String statusBadge(long errors, long warnings) {
            String cls = errors > 0 ? "error" : warnings > 0 ? "warning" : "ok";
            return "<span class=\"status " + cls + "\">" + Html.escape(SpecReview.status(errors, warnings)) + "</span>";
        }

        private void modelLink(String name) throws IOException {
            var target = review.model(name);
            if (target.isPresent()) {
                p("<a href=\"#").p(anchor(target.get())).p("\">").e(name).p("</a>");
            } else {
                e(name);
            }
        }

        private void links(List<String> names) throws IOException {
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    p(", ");
                }
                modelLink(names.get(i));
            }
        }

        private void sources(ModelReview m) throws IOException {
            List<SourceRef> sources = m.model().inputs();
            for (int i = 0; i < sources.size(); i++) {
                if (i > 0) {
                    p(", ");
                }
                SourceRef s = sources.get(i);
                if (s.isQualified()) {
                    e(s.text());
                } else {
                    modelLink(s.text());
                }
            }
        }

        /** The review's overview table, the workbook's Overview sheet. */
        private void overview() throws IOException {
            p("<section id=\"overview\">\n<h2>Overview</h2>\n");
            grid(ReviewTables.overview(review));
            p("</section>\n");
        }

        private void diagram(Diagram d) throws IOException {
            p("<figure class=\"diagram\"><figcaption>")
                    .e(d.title())
                    .p("</figcaption>\n<pre class=\"mermaid\">\n")
                    .e(d.text())
                    .p("</pre></figure>\n");
        }

        private void pipeline() throws IOException {
            p("<section id=\"pipeline\">\n<h2>Pipeline</h2>\n<p class=\"legend\"><span class=\"layer raw\">raw table</span> ")
                    .p(
                            "<span class=\"layer staging\">staging model</span> <span class=\"layer final\">final model</span></p>\n");
            if (diagrams.pipeline().isEmpty()) {
                p("<p>The spec has no models.</p>\n");
            }
            for (Diagram d : diagrams.pipeline()) {
                diagram(d);
            }
            p("</section>\n");
        }

        /** The changes against the base, when the export has one. */
        private void changes() throws IOException {
            if (review.base().isEmpty()) {
                return;
            }
            p("<section id=\"changes\">\n<h2>Changes</h2>\n<p>Against ")
                    .e(review.base().get())
                    .p(": ")
                    .e(DiffReport.summary(review.changes()))
                    .p(".</p>\n");
            if (!review.changes().isEmpty()) {
                grid(ReviewTables.changes(review));
            }
            p("</section>\n");
        }

        /** The spec's and the models' named expressions, when it defines any. */
        private void namedExpressions() throws IOException {
            ReviewTable named = ReviewTables.namedExpressions(review);
            if (named.isEmpty()) {
                return;
            }
            p("<section id=\"named-expressions\">\n<h2>Named expressions</h2>\n<p>Fragments call them as ")
                    .p("<code>@name(...)</code>; the tables show such a fragment as written and, on its second line, ")
                    .p("the SQL it expands to, which is what runs.</p>\n");
            grid(named);
            p("</section>\n");
        }

        private void validation() throws IOException {
            p("<section id=\"validation\">\n<h2>Validation</h2>\n");
            List<Diagnostic> all = review.diagnostics();
            if (all.isEmpty()) {
                p("<p>No findings: the spec is valid.</p>\n</section>\n");
                return;
            }
            p("<p>").e(SpecReview.status(review.count(Severity.ERROR), review.count(Severity.WARNING)))
                    .p(".</p>\n");
            grid(ReviewTables.validation(review));
            p("</section>\n");
        }

        /** A review table that has rows, under its title; nothing for one without. */
        private void table(ReviewTable table) throws IOException {
            table(table, Set.of());
        }

        /** Like {@link #table(ReviewTable)}, marking the rows whose first cell names a changed column. */
        private void table(ReviewTable table, Set<String> changed) throws IOException {
            if (table.isEmpty()) {
                return;
            }
            p("<h3>").e(table.title()).p("</h3>\n");
            grid(table, changed);
        }

        /** The model's output columns that changed against the base (lower case); empty without a base. */
        private Set<String> changedColumns(ModelReview m) {
            Set<String> out = new HashSet<>();
            for (Change c : review.changesOf(m.name())) {
                if (c.column() != null) {
                    out.add(c.column().toLowerCase(Locale.ROOT));
                }
            }
            return out;
        }

        /** {@code changed} or {@code breaking change} beside a changed model's name; empty without changes. */
        private String changeBadge(ModelReview m) {
            List<Change> own = review.changesOf(m.name());
            if (own.isEmpty()) {
                return "";
            }
            boolean breaking = own.stream().anyMatch(Change::isBreaking);
            return breaking
                    ? " <span class=\"changed breaking\">breaking change</span>"
                    : " <span class=\"changed\">changed</span>";
        }

        private void grid(ReviewTable table) throws IOException {
            grid(table, Set.of());
        }

        /**
         * A review table: its header, then its rows, every cell escaped and styled by what it holds; a row whose first
         * cell is in {@code changed} (compared in lower case) is marked as changed against the base.
         */
        private void grid(ReviewTable table, Set<String> changed) throws IOException {
            p("<div class=\"tw\"><table>\n<thead><tr>");
            for (String h : table.header()) {
                p("<th>").e(h).p("</th>");
            }
            p("</tr></thead>\n<tbody>\n");
            for (List<Cell> row : table.rows()) {
                boolean mark = !changed.isEmpty()
                        && !row.isEmpty()
                        && changed.contains(row.get(0).text().toLowerCase(Locale.ROOT));
                p(mark ? "<tr class=\"changed\">" : "<tr>");
                for (Cell c : row) {
                    cell(c);
                }
                p("</tr>\n");
            }
            p("</tbody>\n</table></div>\n");
        }

        private void cell(Cell c) throws IOException {
            switch (c.type()) {
                case CODE -> {
                    p("<td>");
                    if (!c.text().isEmpty()) {
                        p("<code>").e(c.text()).p("</code>");
                    }
                }
                case NUMBER -> p("<td class=\"num\">").e(c.text());
                case STATUS -> {
                    Cell.Status st = (Cell.Status) c;
                    p("<td>").p(statusBadge(st.errors(), st.warnings()));
                }
                case FINDING ->
                    p("<td><span class=\"status ")
                            .p(severityClass(((Cell.Finding) c).severity()))
                            .p("\">")
                            .e(c.text())
                            .p("</span>");
                // every model of the review has its section; its key is made of identifier characters
                case MODEL_NAME ->
                    p("<td><a href=\"#model-")
                            .p(((Cell.ModelName) c).key())
                            .p("\">")
                            .e(c.text())
                            .p("</a>");
                case TEXT, PROSE, FLAG -> p("<td>").e(c.text());
            }
            p("</td>");
        }

        private static String severityClass(Severity s) {
            return switch (s) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "ok";
            };
        }

        private void model(ModelReview m, MermaidRenderer.ModelDiagrams d) throws IOException {
            Model model = m.model();
            ModelTables tables = ModelTables.of(m);
            p("<section class=\"model\" id=\"")
                    .p(anchor(m))
                    .p("\">\n<h2>")
                    .e(m.displayName())
                    .p(" <span class=\"layer ")
                    .p(m.layer().id())
                    .p("\">")
                    .e(m.layer().id())
                    .p("</span> ")
                    .p(statusBadge(m.errors(), m.warnings()))
                    .p(changeBadge(m))
                    .p("</h2>\n");
            if (model.description() != null) {
                p("<p class=\"description\">").e(model.description()).p("</p>\n");
            }
            p("<dl class=\"facts\">\n<dt>Materialization</dt><dd>")
                    .e(model.effectiveMaterialization().id())
                    .p("</dd>\n")
                    .p("<dt>Sources</dt><dd>");
            sources(m);
            p("</dd>\n<dt>Used by</dt><dd>");
            links(m.downstream());
            p("</dd>\n");
            if (model.owner() != null) {
                p("<dt>Owner</dt><dd>").e(model.owner()).p("</dd>\n");
            }
            if (!model.tags().isEmpty()) {
                p("<dt>Tags</dt><dd>").e(String.join(", ", model.tags())).p("</dd>\n");
            }
            if (!model.groupBy().isEmpty()) {
                p("<dt>Group by</dt><dd>").e(String.join(", ", model.groupBy())).p("</dd>\n");
            }
            for (List<Cell> c : tables.constraints().rows()) {
                if (!c.get(1).text().isEmpty()) {
                    p("<dt>")
                            .e(c.get(0).text())
                            .p("</dt><dd>")
                            .e(c.get(1).text())
                            .p("</dd>\n");
                }
            }
            p("</dl>\n");

            if (m.columns().isEmpty()) {
                p("<h3>Output columns</h3>\n<p>No output columns are known.</p>\n");
            }
            table(tables.outputColumns(), changedColumns(m));
            table(tables.joins());
            table(tables.filters());
            table(tables.tests());
            table(tables.unitTests());
            table(tables.validation());
            p("<h3>Flow</h3>\n");
            for (Diagram x : d.flow()) {
                diagram(x);
            }
            if (!d.lineage().isEmpty()) {
                p("<h3>Column lineage</h3>\n");
                for (Diagram x : d.lineage()) {
                    diagram(x);
                }
            }
            p("<p class=\"top\"><a href=\"#top\">Back to top</a></p>\n</section>\n");
        }
    }

    /** Added to the style sheet only when the export has a base, so that a page without one is as it was. */
    private static final String CHANGES_CSS =
            ".changed{background:#fff3cd;color:#664d03;border-radius:3px;padding:0 4px;font-size:12px}\n"
                    + ".changed.breaking{background:#f8d7da;color:#842029}\n"
                    + "tr.changed td{background:#fff8e1}\n";

    private static final String CSS = """
            *{box-sizing:border-box}
            body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1a1a1a;background:#fafafa}
            #nav{position:fixed;top:0;left:0;bottom:0;width:270px;overflow-y:auto;background:#fff;border-right:1px solid #ddd;padding:12px}
            #nav ul{list-style:none;margin:0 0 10px;padding:0}
            #nav li{margin:2px 0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
            #nav a{text-decoration:none;color:#0d47a1}
            #nav .brand{font-weight:700;font-size:16px;margin:0 0 8px}
            #filter{width:100%;padding:5px 7px;margin:4px 0 8px;border:1px solid #bbb;border-radius:4px}
            main{margin-left:270px;padding:16px 28px 60px;max-width:1600px}
            h1{font-size:22px;margin:4px 0}
            h2{font-size:19px;border-bottom:2px solid #e0e0e0;padding-bottom:4px;margin-top:34px}
            h3{font-size:15px;margin:18px 0 6px}
            div.tw{overflow-x:auto;margin:6px 0 12px}
            table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
            th,td{border:1px solid #d9d9d9;padding:4px 6px;text-align:left;vertical-align:top}
            th{background:#1f3a66;color:#fff;position:sticky;top:0}
            td.num{text-align:right}
            code{font:12px/1.4 ui-monospace,Menlo,Consolas,"Courier New",monospace;white-space:pre-wrap;overflow-wrap:anywhere}
            td{overflow-wrap:break-word}
            .layer{display:inline-block;font-size:11px;font-weight:600;padding:0 5px;border-radius:3px;border:1px solid}
            .layer.raw{background:#fdecea;border-color:#b71c1c}
            .layer.staging{background:#e3f2fd;border-color:#1565c0}
            .layer.final{background:#e8f5e9;border-color:#2e7d32}
            .status{display:inline-block;font-size:11px;padding:0 6px;border-radius:8px}
            .status.error{background:#ffcdd2;color:#b71c1c}
            .status.warning{background:#fff3c4;color:#7a5b00}
            .status.ok{background:#dcedc8;color:#33691e}
            dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0}
            dl.facts dt{font-weight:600}
            dl.facts dd{margin:0}
            figure.diagram{margin:8px 0 16px;background:#fff;border:1px solid #e0e0e0;padding:8px;overflow-x:auto}
            figcaption{font-size:12px;color:#555;margin-bottom:4px}
            pre.mermaid{margin:0;background:#fff}
            .top{font-size:12px}
            """;
}
