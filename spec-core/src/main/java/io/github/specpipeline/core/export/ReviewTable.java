package io.github.specpipeline.core.export;

import java.util.List;

/**
 * A table of the review: a title, a header and rows of typed cells. The tables are built once (see
 * {@link ReviewTables}, {@link ModelTables}); the CSV files, the workbook and the HTML page only lay them out and
 * style them, so that two formats showing the same table cannot say different things.
 *
 * @param title  what the table holds, as a format may show it above the table
 * @param header the column names; every row has as many cells
 */
public record ReviewTable(String title, List<String> header, List<List<Cell>> rows) {
    public ReviewTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<Cell> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(
                        title + ": a row of " + row.size() + " cells under a header of " + header.size());
            }
        }
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The header and the rows as plain text ({@link Cell#text()}), header first. */
    public List<List<String>> texts() {
        List<List<String>> out = new java.util.ArrayList<>(rows.size() + 1);
        out.add(header);
        for (List<Cell> row : rows) {
            out.add(row.stream().map(Cell::text).toList());
        }
        return out;
    }
}
