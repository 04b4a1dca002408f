package io.github.specpipeline.core.ddl;

import io.github.specpipeline.core.sql.SqlLexer;
import io.github.specpipeline.core.sql.SqlToken;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Normalises the text of a BigQuery column type so that types written differently compare equal:
 * {@code numeric (10,2)} and {@code NUMERIC(10, 2)} both become {@code NUMERIC(10, 2)},
 * {@code array < struct<city string> >} becomes {@code ARRAY<STRUCT<city STRING>>}.
 *
 * <p>Type names and keywords are upper-cased; STRUCT field names and backticked names keep their case because
 * they are names, not types.
 */
final class BigQueryTypes {

    private BigQueryTypes() {}

    /** Normalises type text; text the lexer rejects is only trimmed and upper-cased. */
    static String normalise(String typeText) {
        try {
            List<SqlToken> tokens = SqlLexer.tokenize(typeText).stream()
                    .filter(t -> t.kind() != SqlToken.Kind.COMMENT)
                    .toList();
            return normalise(tokens);
        } catch (SqlLexer.LexicalError e) {
            return typeText.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        }
    }

    /** Normalises the tokens of one type. */
    static String normalise(List<SqlToken> tokens) {
        StringBuilder sb = new StringBuilder();
        Deque<Boolean> angleIsStruct = new ArrayDeque<>(); // one entry per open '<': is it STRUCT<...>?
        SqlToken prev = null;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            boolean word = t.kind() != SqlToken.Kind.SYMBOL;
            if (prev != null && (prev.isSymbol(',') || (word && prev.kind() != SqlToken.Kind.SYMBOL))) {
                sb.append(' ');
            }
            if (t.kind() == SqlToken.Kind.IDENTIFIER && !isStructFieldName(tokens, i, prev, angleIsStruct)) {
                sb.append(t.text().toUpperCase(Locale.ROOT));
            } else {
                sb.append(t.text());
            }
            if (t.isSymbol('<')) {
                angleIsStruct.push(prev != null && prev.isWord("STRUCT"));
            } else if (t.isSymbol('>') && !angleIsStruct.isEmpty()) {
                angleIsStruct.pop();
            }
            prev = t;
        }
        return sb.toString();
    }

    /** In {@code STRUCT<name TYPE, ...>} a field starts after '<' or ','; it has a name when two words follow. */
    private static boolean isStructFieldName(
            List<SqlToken> tokens, int i, SqlToken prev, Deque<Boolean> angleIsStruct) {
        if (angleIsStruct.isEmpty()
                || !angleIsStruct.peek()
                || prev == null
                || !(prev.isSymbol('<') || prev.isSymbol(','))) {
            return false;
        }
        if (i + 1 >= tokens.size()) {
            return false;
        }
        SqlToken.Kind next = tokens.get(i + 1).kind();
        return next == SqlToken.Kind.IDENTIFIER || next == SqlToken.Kind.QUOTED_IDENTIFIER;
    }
}
