package io.github.specpipeline.core.testrun;

import java.util.ArrayList;
import java.util.List;

/** Rows as an aligned plain-text table, for logs and report bodies. */
final class TextTable {
    private static final int MAX_CELL = 60;

    private TextTable() {}

    static String format(List<String> columns, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(columns.stream().map(c -> Values.visible(c, MAX_CELL)).toList());
        for (List<String> r : rows) {
            all.add(r.stream().map(c -> Values.visible(c, MAX_CELL)).toList());
        }
        int[] width = new int[columns.size()];
        for (List<String> r : all) {
            for (int i = 0; i < width.length && i < r.size(); i++) {
                width[i] =
                        Math.max(width[i], r.get(i).codePointCount(0, r.get(i).length()));
            }
        }
        StringBuilder b = new StringBuilder();
        for (int n = 0; n < all.size(); n++) {
            List<String> r = all.get(n);
            b.append('|');
            for (int i = 0; i < width.length; i++) {
                String cell = i < r.size() ? r.get(i) : "";
                b.append(' ')
                        .append(cell)
                        .append(" ".repeat(width[i] - cell.codePointCount(0, cell.length())))
                        .append(" |");
            }
            b.append('\n');
            if (n == 0) {
                b.append('|');
                for (int w : width) {
                    b.append("-".repeat(w + 2)).append('|');
                }
                b.append('\n');
            }
        }
        return b.toString();
    }
}
