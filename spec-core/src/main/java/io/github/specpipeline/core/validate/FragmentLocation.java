package io.github.specpipeline.core.validate;

import io.github.specpipeline.core.sql.ColumnRef;
import io.github.specpipeline.core.sql.FragmentPosition;
import io.github.specpipeline.core.sql.ParsedFragment;
import io.github.specpipeline.core.sql.SqlLexer;
import io.github.specpipeline.core.sql.SqlToken;
import io.github.specpipeline.core.sql.TextPositions;
import java.util.List;

/**
 * Where in the spec file a place inside a SQL fragment is. A fragment is a JSON string, so it sits on one line of
 * the file whatever line breaks it holds (they are written {@code \n}); its characters take as many columns as
 * their JSON escapes do. {@link #jsonColumn} gives the column inside the string, counted from its opening quote as
 * {@link io.github.specpipeline.core.json.Reporter#inString} expects (on line 1).
 */
final class FragmentLocation {

    private FragmentLocation() {}

    /**
     * The 1-based column, on the string's line, of {@code offset} in {@code text}: the length of the JSON-escaped
     * text before it, plus one. Assumes the shortest escapes ({@code \"}, {@code \\}, {@code \n}, ...,
     * {@code \u001f}), which is how JSON writers and editors write them.
     */
    static int jsonColumn(String text, int offset) {
        int column = 1;
        int end = Math.max(0, Math.min(offset, text.length()));
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                column += 2;
            } else if (c < 0x20) {
                column += 6;
            } else {
                column++;
            }
        }
        return column;
    }

    /**
     * The offset of the column name of {@code ref} in the fragment's text: after its qualifier when it has one
     * ({@code stauts} in {@code customers.stauts}); the start of the fragment when the position is unknown (a
     * column that came from {@code {from}} is located at that placeholder).
     */
    static int columnName(ParsedFragment f, ColumnRef ref) {
        int start = start(f, ref);
        if (ref.qualifier() == null) {
            return start;
        }
        List<SqlToken> tokens;
        try {
            tokens = SqlLexer.tokenize(f.text());
        } catch (SqlLexer.LexicalError e) {
            return start; // cannot happen for a fragment that parsed
        }
        int i = 0;
        while (i < tokens.size() && tokens.get(i).offset() < start) {
            i++;
        }
        if (i >= tokens.size() || tokens.get(i).offset() != start || !isName(tokens.get(i))) {
            return start;
        }
        // a.b.c: the last name of the dotted chain is the column
        int last = i;
        while (last + 2 < tokens.size() && tokens.get(last + 1).isSymbol('.') && isName(tokens.get(last + 2))) {
            last += 2;
        }
        SqlToken column = tokens.get(last);
        return column.identifierName().equalsIgnoreCase(ref.column()) ? column.offset() : start;
    }

    /** The offset where {@code ref} first appears, or 0. */
    static int start(ParsedFragment f, ColumnRef ref) {
        FragmentPosition p = f.positionOf(ref).orElse(FragmentPosition.START);
        return new TextPositions(f.text()).offset(p.line(), p.column());
    }

    private static boolean isName(SqlToken t) {
        return t.kind() == SqlToken.Kind.IDENTIFIER || t.kind() == SqlToken.Kind.QUOTED_IDENTIFIER;
    }
}
