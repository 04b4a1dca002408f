package io.github.specpipeline.core.report;

import io.github.specpipeline.core.export.ReviewTable;
import io.github.specpipeline.core.report.Block.Cell;
import io.github.specpipeline.core.report.Block.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The review's tables ({@link ReviewTable}, built once by the export's {@code ReviewTables} and {@code ModelTables})
 * as report tables: the site pages show the same header and the same cell texts, in the same order, as the CSV
 * files, the workbook and the HTML page. Only the styling is the site's: SQL in a code font, a status in bold, a
 * model's name as a link to its page.
 */
final class ReviewBlocks {
    private ReviewBlocks() {}

    /**
     * The table as it is.
     *
     * @param modelHref the link to a model's page by its review key, empty when it has none
     */
    static Table table(ReviewTable table, Function<String, Optional<String>> modelHref) {
        return table(table, modelHref, List.of(), List.of());
    }

    /**
     * The table with columns only the site has appended after the shared ones (the shared columns stay first and in
     * their order, so every format shows them alike).
     *
     * @param extraHeader the appended columns' names
     * @param extraCells  per row of {@code table} its appended cells
     */
    static Table table(
            ReviewTable table,
            Function<String, Optional<String>> modelHref,
            List<String> extraHeader,
            List<List<Cell>> extraCells) {
        if (!extraHeader.isEmpty() && extraCells.size() != table.rows().size()) {
            throw new IllegalArgumentException(table.title() + ": " + extraCells.size() + " extra rows for "
                    + table.rows().size());
        }
        List<String> header = new ArrayList<>(table.header());
        header.addAll(extraHeader);
        List<List<Cell>> rows = new ArrayList<>(table.rows().size());
        for (int r = 0; r < table.rows().size(); r++) {
            List<Cell> row = new ArrayList<>(header.size());
            for (io.github.specpipeline.core.export.Cell c : table.rows().get(r)) {
                row.add(cell(c, modelHref));
            }
            if (!extraHeader.isEmpty()) {
                row.addAll(extraCells.get(r));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    /** A review cell as a report cell: the same text, styled by what it holds. */
    static Cell cell(io.github.specpipeline.core.export.Cell c, Function<String, Optional<String>> modelHref) {
        String text = c.text();
        if (text.isEmpty()) {
            return Cell.text("");
        }
        return switch (c.type()) {
            case TEXT, PROSE, NUMBER, FLAG -> Cell.text(text);
            case CODE -> Cell.code(text);
            case STATUS, FINDING -> Cell.of(new Inline.Strong(text));
            case MODEL_NAME ->
                modelHref
                        .apply(((io.github.specpipeline.core.export.Cell.ModelName) c).key())
                        .<Cell>map(href -> Cell.of(new Inline.Link(href, text)))
                        .orElse(Cell.text(text));
        };
    }
}
