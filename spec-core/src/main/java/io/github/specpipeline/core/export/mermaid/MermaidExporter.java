package io.github.specpipeline.core.export.mermaid;

import io.github.specpipeline.core.export.SpecReview;
import io.github.specpipeline.core.export.SpecReview.ModelReview;
import io.github.specpipeline.core.io.OutputDirectory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the diagrams: {@code diagram.md} (Markdown with a fenced {@code mermaid} block per diagram, which GitHub
 * and GitLab render as they are) and every diagram alone as {@code mermaid/<name>.mmd}.
 */
public final class MermaidExporter {
    private MermaidExporter() {}

    /** What was written. */
    public record Written(Path markdown, List<Path> files, int diagrams) {}

    /**
     * @param dir the review directory, e.g. {@code review}: writes {@code dir/diagram.md} and {@code dir/mermaid/}
     */
    public static Written write(SpecReview review, MermaidRenderer.Diagrams diagrams, OutputDirectory out, String dir)
            throws IOException {
        List<Path> files = new ArrayList<>();
        int[] count = {0};
        Path md = out.write(dir + "/diagram.md", os -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            w.write("# Pipeline diagrams\n\n");
            w.write("Review diagrams of " + md(review.specFile()) + " ("
                    + review.models().size() + " models), made by"
                    + " spec-pipeline. Each is a Mermaid flowchart; the same diagrams are in"
                    + " `mermaid/*.mmd`. Raw tables are cylinders, staging models rounded boxes, final models"
                    + " double-edged boxes. Large diagrams are split into parts that each stay within Mermaid's"
                    + " default limits.\n\n");
            w.write("Contents: [Pipeline](#pipeline)");
            for (ModelReview m : review.models()) {
                w.write(", [" + md(m.displayName()) + "](#" + anchor(m) + ")");
            }
            w.write("\n\n<a id=\"pipeline\"></a>\n\n## Pipeline\n\n");
            List<Diagram> pipeline = diagrams.pipeline();
            if (pipeline.isEmpty()) {
                w.write("The spec has no models.\n\n");
            }
            for (Diagram d : pipeline) {
                block(w, d, pipeline.size() > 1);
                files.add(out.writeIfChanged(
                        dir + "/mermaid/" + d.name(), d.text().getBytes(StandardCharsets.UTF_8)));
                count[0]++;
            }
            for (ModelReview m : review.models()) {
                MermaidRenderer.ModelDiagrams modelDiagrams = diagrams.of(m);
                w.write("<a id=\"" + anchor(m) + "\"></a>\n\n## Model " + md(m.displayName()) + "\n\n");
                for (Diagram d : modelDiagrams.flow()) {
                    block(w, d, true);
                    files.add(out.writeIfChanged(
                            dir + "/mermaid/" + d.name(), d.text().getBytes(StandardCharsets.UTF_8)));
                    count[0]++;
                }
                for (Diagram d : modelDiagrams.lineage()) {
                    block(w, d, true);
                    files.add(out.writeIfChanged(
                            dir + "/mermaid/" + d.name(), d.text().getBytes(StandardCharsets.UTF_8)));
                    count[0]++;
                }
            }
            w.flush();
        });
        return new Written(md, files, count[0]);
    }

    private static void block(Writer w, Diagram d, boolean heading) throws IOException {
        if (heading) {
            w.write("### " + md(d.title()) + "\n\n");
        }
        w.write("```mermaid\n");
        w.write(d.text());
        w.write("```\n\n");
    }

    static String anchor(ModelReview m) {
        return "model-" + m.key();
    }

    /** Text escaped for Markdown: no emphasis, links, code, HTML or line breaks from spec text. */
    static String md(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(' ');
            } else if (c == '<') {
                sb.append("&lt;");
            } else if (c == '>') {
                sb.append("&gt;");
            } else if (c == '&') {
                sb.append("&amp;");
            } else if ("\\`*_{}[]()#+-.!|~".indexOf(c) >= 0) {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
