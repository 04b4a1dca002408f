package io.github.specpipeline.core.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One page of the report.
 *
 * @param path  the document name: its path from the site root, '/'-separated, without {@code .html}
 * @param title the page title
 * @param body  the content, in order
 */
public record ReportPage(String path, String title, List<Block> body) {
    public ReportPage {
        body = List.copyOf(body);
    }

    /** Whether a block of the page is a diagram, so the page needs the Mermaid script. */
    public boolean hasDiagrams() {
        return contains(body);
    }

    /**
     * The scripts the page must load, in order, as URLs relative to the page: the Mermaid bundle copied into
     * the site, then the report's start-up script. Empty when the page has no diagram.
     */
    public List<String> scripts() {
        if (!hasDiagrams()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        out.add(ReportLayout.href(path, ReportLayout.MERMAID_SCRIPT));
        out.add(ReportLayout.href(path, ReportLayout.INIT_SCRIPT));
        return out;
    }

    /** The report's style sheet (wrapping long SQL in tables, diagram frames), relative to the page. */
    public String stylesheet() {
        return ReportLayout.href(path, ReportLayout.STYLESHEET);
    }

    /** The page's file name relative to the site root. */
    public String fileName() {
        return path + ".html";
    }

    private static boolean contains(List<Block> blocks) {
        for (Block b : blocks) {
            if (b instanceof Block.Diagram) {
                return true;
            }
            if (b instanceof Block.Section s && contains(s.body())) {
                return true;
            }
        }
        return false;
    }
}
