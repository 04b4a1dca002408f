package io.github.specpipeline.core.export;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The review export formats, in the order they are written. */
public enum ExportFormat {
    /** {@code review/spec-review.xlsx}. */
    XLSX("xlsx"),
    /** {@code review/csv/*.csv}. */
    CSV("csv"),
    /** {@code review/diagram.md} and {@code review/mermaid/*.mmd}. */
    MERMAID("mermaid"),
    /** {@code review/index.html}. */
    HTML("html");

    private final String id;

    ExportFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * Parses a comma-separated list such as {@code xlsx,csv}; blank, empty items only or {@code all} mean every format.
     *
     * @throws IllegalArgumentException naming the unknown formats and the known ones
     */
    public static Set<ExportFormat> parseList(String text) {
        Set<ExportFormat> out = EnumSet.noneOf(ExportFormat.class);
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("all")) {
            return EnumSet.allOf(ExportFormat.class);
        }
        List<String> unknown = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            ExportFormat found = null;
            for (ExportFormat f : values()) {
                if (f.id.equals(p) || (f == MERMAID && p.equals("mmd")) || (f == HTML && p.equals("htm"))) {
                    found = f;
                }
            }
            if (found == null) {
                unknown.add(part.trim());
            } else {
                out.add(found);
            }
        }
        if (unknown.isEmpty() && out.isEmpty()) {
            return EnumSet.allOf(ExportFormat.class);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown export format" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown.stream().map(u -> "'" + u + "'").toList())
                    + "; use a comma-separated list of xlsx, csv, mermaid, html (or all)");
        }
        return out;
    }
}
