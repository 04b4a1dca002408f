package io.github.specpipeline.core.report;

import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.validate.Identifiers;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the report's pages and files live in the site, and relative links between them. Paths are from the
 * site root, '/'-separated; page paths have no {@code .html}. Nothing here comes from spec text except model
 * names, and only those that are safe file names: the others get a made-up name.
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
     * The layout for these models: one page each, {@code spec-pipeline/model-<name>}. A name that is not a safe
     * file name becomes {@code invalid-<index>}; a name that differs from an earlier one only in case (which
     * would clash on a case-insensitive file system) gets {@code -<index>} appended. Neither form can be a
     * model name, since valid names have no dash.
     */
    public static ReportLayout of(List<Model> models) {
        Map<Integer, String> pages = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (Model m : models) {
            String key = Identifiers.isSafeFileName(m.name()) ? m.name() : "invalid-" + m.index();
            if (!used.add(key.toLowerCase(Locale.ROOT))) {
                key = key + "-" + m.index();
                used.add(key.toLowerCase(Locale.ROOT));
            }
            pages.put(m.index(), FOLDER + "/model-" + key);
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
