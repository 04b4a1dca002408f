package io.github.specpipeline.core.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text of BigQuery types: reading it into a {@link BigQueryType}, checking it (types are written into
 * generated DDL, so they are checked strictly), and normalising it so that types written differently compare
 * equal.
 */
public final class SqlTypes {
    /** Longest type text read: a guard against pasted garbage. */
    private static final int MAX_LENGTH = 1000;

    private static final Pattern PARAMETERS = Pattern.compile("\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\)");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\s+(.+)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private SqlTypes() {}

    /** Upper-case, single spaces. */
    public static String normalise(String type) {
        String t = type.trim();
        if (hasWhitespaceToCollapse(t)) {
            t = WHITESPACE.matcher(t).replaceAll(" ");
        }
        return t.toUpperCase(Locale.ROOT);
    }

    /** Whether {@link #WHITESPACE} would change {@code t}: a \s other than a single space (most types have none). */
    private static boolean hasWhitespaceToCollapse(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\t'
                    || c == '\n'
                    || c == '\u000B'
                    || c == '\f'
                    || c == '\r'
                    || (c == ' ' && i + 1 < t.length() && t.charAt(i + 1) == ' ')) {
                return true;
            }
        }
        return false;
    }

    public static boolean isValid(String type) {
        return parse(type).isPresent();
    }

    /** The type {@code text} declares, or empty when it is not a valid BigQuery type. */
    public static Optional<BigQueryType> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        return read(normalise(text));
    }

    private static Optional<BigQueryType> read(String t) {
        if (t.startsWith("ARRAY<") && t.endsWith(">")) {
            return read(t.substring(6, t.length() - 1).trim()).map(e -> new BigQueryType.Array(e, t));
        }
        if (t.startsWith("STRUCT<") && t.endsWith(">")) {
            String body = t.substring(7, t.length() - 1);
            for (String field : splitTopLevel(body)) {
                var m = FIELD.matcher(field.trim());
                if (!m.matches() || read(m.group(1).trim()).isEmpty()) {
                    return Optional.empty();
                }
            }
            return Optional.of(new BigQueryType.Struct(t));
        }
        int paren = t.indexOf('(');
        String base = paren < 0 ? t : t.substring(0, paren).trim();
        if (paren >= 0 && !PARAMETERS.matcher(t.substring(paren)).matches()) {
            return Optional.empty();
        }
        String parameters = paren < 0 ? "" : t.substring(paren);
        return BigQueryType.Kind.named(base).map(k -> new BigQueryType.Scalar(k, t, parameters));
    }

    private static List<String> splitTopLevel(String body) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '<' || c == '(') {
                depth++;
            } else if (c == '>' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(body.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(body.substring(start));
        return parts;
    }

    /**
     * The canonical name of a BigQuery type's base: INT64 for INTEGER, NUMERIC for DECIMAL(10, 2), BOOL for
     * BOOLEAN; ARRAY and STRUCT types are returned normalised, an unknown name as it is.
     */
    public static String baseType(String type) {
        String t = normalise(type);
        if (t.startsWith("ARRAY<") || t.startsWith("STRUCT<")) {
            return t;
        }
        int paren = t.indexOf('(');
        String base = (paren < 0 ? t : t.substring(0, paren)).trim();
        return BigQueryType.Kind.named(base).map(Enum::name).orElse(base);
    }

    // ---- type text of DDL files ----------------------------------------------------------------------------

    /**
     * Normalises the type text of a DDL column so that types written differently compare equal:
     * {@code numeric (10,2)} and {@code NUMERIC(10, 2)} both become {@code NUMERIC(10, 2)},
     * {@code array < struct<city string> >} becomes {@code ARRAY<STRUCT<city STRING>>}. Type names and keywords are
     * upper-cased; STRUCT field names and backticked names keep their case because they are names, not types. Text
     * the lexer rejects is only trimmed and upper-cased.
     */
    public static String normaliseDeclared(String typeText) {
        try {
            List<SqlToken> tokens = SqlLexer.tokenize(typeText).stream()
                    .filter(t -> t.kind() != SqlToken.Kind.COMMENT)
                    .toList();
            return normaliseDeclared(tokens);
        } catch (SqlLexer.LexicalError e) {
            return typeText.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        }
    }

    /** {@link #normaliseDeclared(String)} for the tokens of one type. */
    public static String normaliseDeclared(List<SqlToken> tokens) {
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
