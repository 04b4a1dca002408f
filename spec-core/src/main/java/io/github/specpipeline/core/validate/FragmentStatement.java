package io.github.specpipeline.core.validate;

import io.github.specpipeline.core.sql.SqlFragments;
import io.github.specpipeline.core.sql.TextPositions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A statement for GoogleSQL built around SQL fragments, which maps GoogleSQL's {@code line:column} back to a place
 * in a fragment's own text. Each fragment starts a line of its own and is followed by a line break, so the line of an
 * error says which fragment it is in, and its column is the column inside the fragment's line. A {@code {from}} is
 * analyzed as the column it stands for, and mapped back to the {@code {from}}.
 */
final class FragmentStatement {
    private final StringBuilder sql = new StringBuilder();
    private final List<Placed> placed = new ArrayList<>();
    private int line = 1;

    /** A fragment in the statement: its first line, its text as analyzed, and each analyzed char's original offset. */
    private record Placed(int index, int firstLine, String analyzed, int[] original) {
        int lastLine() {
            return firstLine + (int) analyzed.chars().filter(c -> c == '\n').count();
        }
    }

    /** Where an error is: the fragment's index (as given to {@link #fragment}) and the offset in its own text. */
    record At(int index, int offset) {}

    /** Appends SQL text of the statement itself. */
    FragmentStatement text(String s) {
        sql.append(s);
        line += (int) s.chars().filter(c -> c == '\n').count();
        return this;
    }

    /** Appends a fragment on lines of its own; {@code index} is how {@link #locate} names it. */
    FragmentStatement fragment(int index, AnalyzedFragment f) {
        if (sql.length() > 0 && sql.charAt(sql.length() - 1) != '\n') {
            text("\n");
        }
        StringBuilder analyzed = new StringBuilder();
        List<Integer> original = new ArrayList<>();
        String from = SqlFragments.FROM_PLACEHOLDER;
        String text = f.text();
        for (int i = 0; i < text.length(); ) {
            if (f.fromReplacement() != null && text.startsWith(from, i)) {
                for (int k = 0; k < f.fromReplacement().length(); k++) {
                    original.add(i);
                }
                analyzed.append(f.fromReplacement());
                i += from.length();
            } else {
                original.add(i);
                analyzed.append(text.charAt(i));
                i++;
            }
        }
        original.add(text.length());
        placed.add(new Placed(
                index,
                line,
                analyzed.toString(),
                original.stream().mapToInt(Integer::intValue).toArray()));
        text(analyzed.toString());
        return text("\n");
    }

    String sql() {
        return sql.toString();
    }

    /**
     * The fragment and offset of GoogleSQL's {@code line:column} (1-based; see {@link #charsBeforeColumn}); empty when the place is outside every fragment (in the statement around them).
     */
    Optional<At> locate(int errorLine, int errorColumn) {
        for (Placed p : placed) {
            if (errorLine >= p.firstLine() && errorLine <= p.lastLine()) {
                TextPositions positions = new TextPositions(p.analyzed());
                int lineInFragment = errorLine - p.firstLine() + 1;
                int lineStart = positions.offset(lineInFragment, 1);
                int offset = lineStart + charsBeforeColumn(p.analyzed(), lineStart, errorColumn);
                offset = Math.max(0, Math.min(offset, p.analyzed().length()));
                return Optional.of(new At(p.index(), p.original()[offset]));
            }
        }
        return Optional.empty();
    }

    /**
     * How many chars from {@code start} come before GoogleSQL's 1-based {@code column} of the line: it counts code
     * points, and a tab moves to the next multiple of 8 columns.
     */
    private static int charsBeforeColumn(String s, int start, int column) {
        int i = start;
        int at = 1;
        while (i < s.length() && s.charAt(i) != '\n') {
            int next = s.charAt(i) == '\t' ? ((at - 1) / 8 + 1) * 8 + 1 : at + 1;
            if (next > column) {
                break;
            }
            at = next;
            i += Character.charCount(s.codePointAt(i));
        }
        return i - start;
    }
}
