package io.github.specpipeline.core.report;

import io.github.specpipeline.core.export.SpecReview;
import io.github.specpipeline.core.model.Model;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the report's pages and files live in the site, and relative links between them. Paths are from the
 * site root, '/'-separated; page paths have no {@code .html}. Nothing here comes from spec text except model
 * names, and only those that are safe file names (see {@link SpecReview.ModelReview#key()}).
 */
public final class ReportLayout {
    /** The overview page, {@code spec-pipeline.html}, listed under Project Reports. */
    public static final String OVERVIEW = "spec-pipeline";
    /** The folder of every other page and file. */
    public static final String FOLDER = "spec-pipeline";

    public static final String DIAGNOSTICS = FOLDER + "/diagnostics";
    /** The Mermaid bundle, copied from the WebJar: diagrams render offline. */
    public static final String MERMAID_SCRIPT = FOLDER + "/assets/mermaid.min.js";
    /** Starts Mermaid on the page. */
    public static final String INIT_SCRIPT = FOLDER + "/assets/spec-pipeline-report.js";
    /** The report's style sheet. */
    public static final String STYLESHEET = FOLDER + "/assets/spec-pipeline-report.css";
    /** Review files (workbook, CSV) copied into the site. */
    public static final String DOWNLOADS = FOLDER + "/review";

    private final Map<Integer, String> modelPages;

    private ReportLayout(Map<Integer, String> modelPages) {
        this.modelPages = modelPages;
    }

    /**
     * The layout for a reviewed spec: one page per model, {@code spec-pipeline/model-<key>}, where the key is the
     * one every review export uses (the model name when it is a safe file name, else made up; unique ignoring case).
     */
    public static ReportLayout of(SpecReview review) {
        Map<Integer, String> pages = new LinkedHashMap<>();
        if (review != null) {
            for (SpecReview.ModelReview m : review.models()) {
                pages.put(m.model().index(), FOLDER + "/model-" + m.key());
            }
        }
        return new ReportLayout(pages);
    }

    /** The page of a model. */
    public String modelPage(Model model) {
        String page = modelPages.get(model.index());
        if (page == null) {
            throw new IllegalArgumentException("no page for model #" + model.index());
        }
        return page;
    }

    /** A link from one page to another page ({@code .html} is added) or to a file. */
    public static String pageHref(String fromPage, String toPage) {
        return href(fromPage, toPage + ".html");
    }

    /**
     * The URL of {@code target} (a file path from the site root) relative to the page {@code fromPage}.
     * Segments are identifier characters, dots and dashes only, so they need no percent-encoding.
     */
    public static String href(String fromPage, String target) {
        String[] from = fromPage.split("/");
        String[] to = target.split("/");
        int common = 0;
        while (common < from.length - 1 && common < to.length - 1 && from[common].equals(to[common])) {
            common++;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = common; i < from.length - 1; i++) {
            sb.append("../");
        }
        for (int i = common; i < to.length; i++) {
            if (i > common) {
                sb.append('/');
            }
            sb.append(to[i]);
        }
        return sb.toString();
    }
}
