package io.github.specpipeline.core.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * BigQuery writes an aggregate's null handling before its ORDER BY ({@code ARRAY_AGG(x IGNORE NULLS ORDER BY ts
 * DESC LIMIT 1)}, the usual "latest non-NULL value"), but JSqlParser 5.3 reads {@code IGNORE NULLS} / {@code RESPECT
 * NULLS} only after the ORDER BY, and stops at the function name otherwise. So the parser is given the text with each
 * such null handling moved behind its ORDER BY clause, an exchange of two spans of equal total length: the tree is
 * the same (the null handling is a flag of the call), the fragment's SQL stays as written, and {@link #toOriginal}
 * maps an offset of the parser's text back to the written one, so diagnostics point into the spec's text.
 */
final class NullHandlingOrder {
    /** One exchange: {@code [nullsStart, nullsEnd)}, then a gap, then the ORDER BY clause {@code [orderStart, orderEnd)}. */
    private record Move(int nullsStart, int nullsEnd, int orderStart, int orderEnd) {}

    private final List<Move> moves;

    private NullHandlingOrder(List<Move> moves) {
        this.moves = moves;
    }

    /** The moves {@code code} (the fragment's tokens without comments) needs; none for almost every fragment. */
    static NullHandlingOrder of(List<SqlToken> code) {
        List<Move> moves = new ArrayList<>();
        int next = 0;
        for (int i = 0; i + 3 < code.size(); i++) {
            SqlToken first = code.get(i);
            if (i < next
                    || !(first.isWord("IGNORE") || first.isWord("RESPECT"))
                    || !code.get(i + 1).isWord("NULLS")
                    || !code.get(i + 2).isWord("ORDER")
                    || !code.get(i + 3).isWord("BY")) {
                continue;
            }
            int end = clauseEnd(code, i + 4);
            if (end < 0) {
                continue;
            }
            moves.add(new Move(
                    first.offset(),
                    code.get(i + 1).end(),
                    code.get(i + 2).offset(),
                    code.get(end).end()));
            next = end + 1; // a null handling inside the moved clause stays where it is (and fails as before)
        }
        return new NullHandlingOrder(List.copyOf(moves));
    }

    /**
     * The index of the ORDER BY clause's last token: the one before a LIMIT or the call's closing bracket at the
     * clause's own level; -1 when there is none.
     */
    private static int clauseEnd(List<SqlToken> code, int from) {
        int depth = 0;
        for (int j = from; j < code.size(); j++) {
            SqlToken t = code.get(j);
            if (t.isSymbol('(') || t.isSymbol('[')) {
                depth++;
            } else if (t.isSymbol(')') || t.isSymbol(']')) {
                if (depth == 0) {
                    return j > from ? j - 1 : -1;
                }
                depth--;
            } else if (depth == 0 && t.isWord("LIMIT")) {
                return j > from ? j - 1 : -1;
            }
        }
        return -1;
    }

    boolean isEmpty() {
        return moves.isEmpty();
    }

    /** {@code text} as the parser reads it: each null handling after its ORDER BY clause, same length. */
    String apply(String text) {
        StringBuilder sb = new StringBuilder(text);
        for (Move m : moves) {
            String nulls = text.substring(m.nullsStart, m.nullsEnd);
            String gap = text.substring(m.nullsEnd, m.orderStart);
            String order = text.substring(m.orderStart, m.orderEnd);
            sb.replace(m.nullsStart, m.orderEnd, order + gap + nulls);
        }
        return sb.toString();
    }

    /** The offset in the written text of offset {@code p} of {@link #apply}'s text. */
    int toOriginal(int p) {
        for (Move m : moves) {
            if (p < m.nullsStart || p >= m.orderEnd) {
                continue;
            }
            int order = m.orderEnd - m.orderStart;
            int gap = m.orderStart - m.nullsEnd;
            int at = p - m.nullsStart;
            if (at < order) {
                return m.orderStart + at;
            }
            if (at < order + gap) {
                return m.nullsEnd + (at - order);
            }
            return m.nullsStart + (at - order - gap);
        }
        return p;
    }
}
