package io.github.specpipeline.core.diff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.specpipeline.core.Version;
import io.github.specpipeline.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The diff goal's reports as text: {@code report.md}, ready to paste as a pull request comment (a summary line,
 * then a table per model), and {@code report.json}. Deterministic: the changes' order, no timestamps.
 */
public final class DiffReport {
    private DiffReport() {}

    /** The one line that sums the changes up: {@code 5 changes: 2 breaking, 2 non-breaking, 1 metadata}. */
    public static String summary(List<Change> changes) {
        if (changes.isEmpty()) {
            return "no changes";
        }
        return plural(changes.size(), "change") + ": " + SpecDiff.count(changes, Category.BREAKING) + " breaking, "
                + SpecDiff.count(changes, Category.NON_BREAKING) + " non-breaking, "
                + SpecDiff.count(changes, Category.METADATA) + " metadata";
    }

    /**
     * @param spec the current spec as messages name it
     * @param base the base as the user gave it ({@code git:HEAD}, a file)
     */
    public static String markdown(String spec, String base, List<Change> changes) {
        StringBuilder sb = new StringBuilder();
        sb.append("**Spec changes** in ")
                .append(MarkdownText.cell(spec))
                .append(" against ")
                .append(MarkdownText.cell(base))
                .append(": ")
                .append(summary(changes))
                .append(
                        changes.isEmpty()
                                ? "."
                                : " (" + plural(SpecDiff.changedModelsIncludingRemoved(changes), "model") + ").")
                .append('\n');
        for (Map.Entry<String, List<Change>> e : byModel(changes).entrySet()) {
            sb.append('\n').append("### ").append(MarkdownText.cell(e.getKey())).append("\n\n");
            sb.append("| Column | Change | Category | Before | After | Impacted downstream |\n");
            sb.append("| --- | --- | --- | --- | --- | --- |\n");
            for (Change c : e.getValue()) {
                sb.append("| ")
                        .append(c.column() == null ? "(model)" : MarkdownText.cell(c.column()))
                        .append(" | ")
                        .append(c.kind().id().replace("_", " "))
                        .append(" | ")
                        .append(c.isBreaking() ? "**breaking**" : c.category().id())
                        .append(" | ")
                        .append(MarkdownText.cell(c.before()))
                        .append(" | ")
                        .append(MarkdownText.cell(c.after()))
                        .append(" | ")
                        .append(MarkdownText.cell(impacted(c)))
                        .append(" |\n");
            }
        }
        return sb.toString();
    }

    /** {@code fct_orders.amount, fct_orders.total}: the columns a change reaches. */
    public static String impacted(Change c) {
        return c.impacted().stream().map(i -> i.model() + "." + i.column()).collect(Collectors.joining(", "));
    }

    /** {@code {"changes": [{"model", "column", "kind", "category", "before", "after", "impacted": [...]}]}}. */
    public static String json(String spec, String base, List<Change> changes) {
        ObjectNode root = Json.object();
        root.putObject("tool").put("name", "spec-pipeline").put("version", Version.get());
        root.put("spec", spec);
        root.put("base", base);
        ObjectNode summary = root.putObject("summary");
        summary.put("breaking", SpecDiff.count(changes, Category.BREAKING));
        summary.put("non-breaking", SpecDiff.count(changes, Category.NON_BREAKING));
        summary.put("metadata", SpecDiff.count(changes, Category.METADATA));
        ArrayNode list = root.putArray("changes");
        for (Change c : changes) {
            ObjectNode n = list.addObject();
            n.put("model", c.model());
            n.put("column", c.column());
            n.put("kind", c.kind().id());
            n.put("category", c.category().id());
            n.put("before", c.before());
            n.put("after", c.after());
            ArrayNode impacted = n.putArray("impacted");
            for (ModelColumn i : c.impacted()) {
                impacted.addObject().put("model", i.model()).put("column", i.column());
            }
        }
        return Json.pretty(root);
    }

    /** The changes per model, models in the order their first change comes. */
    static Map<String, List<Change>> byModel(List<Change> changes) {
        Map<String, List<Change>> out = new LinkedHashMap<>();
        for (Change c : changes) {
            out.computeIfAbsent(c.model(), k -> new ArrayList<>()).add(c);
        }
        return out;
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
