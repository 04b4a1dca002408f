package io.github.specpipeline.core.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A small lexer for BigQuery (GoogleSQL) text.
 *
 * <p>It exists because JSqlParser does not know some BigQuery lexical rules ({@code #} comments,
 * {@code "..."} being a string rather than a name) and because the spec tooling needs things a parser does not
 * give: the exact position of a {@code {from}} placeholder or of an unclosed bracket, statement boundaries
 * that ignore a {@code ;} inside a string, and the source span of a column type. It recognises exactly what
 * it must to never mistake the inside of a literal, a quoted name or a comment for code; everything else is
 * a one-character {@link SqlToken.Kind#SYMBOL}.
 */
public final class SqlLexer {

    /** A lexical error: an unterminated literal, quoted name or comment. */
    public static final class LexicalError extends Exception {
        private static final long serialVersionUID = 1L;
        private final int offset;
        private final int line;
        private final int column;

        LexicalError(String message, int offset, int line, int column) {
            super(message);
            this.offset = offset;
            this.line = line;
            this.column = column;
        }

        public int offset() {
            return offset;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    private final String text;
    private final TextPositions positions;
    private int pos;

    private SqlLexer(String text) {
        this.text = text;
        this.positions = new TextPositions(text);
    }

    /** All tokens of {@code text}, comments included, whitespace dropped. */
    public static List<SqlToken> tokenize(String text) throws LexicalError {
        return new SqlLexer(text).run();
    }

    private List<SqlToken> run() throws LexicalError {
        List<SqlToken> tokens = new ArrayList<>();
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                return tokens;
            }
            int start = pos;
            SqlToken.Kind kind = scan();
            tokens.add(new SqlToken(
                    kind, text.substring(start, pos), start, positions.line(start), positions.column(start)));
        }
    }

    /** Scans one token starting at {@code pos}, leaves {@code pos} after it and returns its kind. */
    private SqlToken.Kind scan() throws LexicalError {
        char c = text.charAt(pos);
        if (c == '#' || (c == '-' && peek(1) == '-')) {
            while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                pos++;
            }
            return SqlToken.Kind.COMMENT;
        }
        if (c == '/' && peek(1) == '*') {
            int end = text.indexOf("*/", pos + 2);
            if (end < 0) {
                throw error("unterminated /* comment", pos);
            }
            pos = end + 2;
            return SqlToken.Kind.COMMENT;
        }
        int prefix = literalPrefixLength();
        if (prefix >= 0) {
            scanString(prefix);
            return SqlToken.Kind.STRING;
        }
        if (c == '`') {
            scanQuoted('`', "quoted name", pos);
            return SqlToken.Kind.QUOTED_IDENTIFIER;
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return SqlToken.Kind.IDENTIFIER;
        }
        if (c >= '0' && c <= '9') {
            scanNumber();
            return SqlToken.Kind.NUMBER;
        }
        pos++;
        return SqlToken.Kind.SYMBOL;
    }

    /**
     * If a string literal starts at {@code pos}, the length of its prefix ({@code r}, {@code b}, {@code rb},
     * {@code br}: 0 to 2 chars); otherwise -1.
     */
    private int literalPrefixLength() {
        for (int n = 0; n <= 2; n++) {
            char q = peek(n);
            if (q == '\'' || q == '"') {
                return n;
            }
            if ("rRbB".indexOf(q) < 0 || q == 0) {
                return -1;
            }
        }
        return -1;
    }

    private void scanString(int prefix) throws LexicalError {
        int start = pos;
        pos += prefix;
        char q = text.charAt(pos);
        if (peek(1) == q && peek(2) == q) {
            // triple-quoted: may span lines, ends at the first unescaped triple quote
            pos += 3;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\\') {
                    pos += 2;
                } else if (c == q && peek(1) == q && peek(2) == q) {
                    pos += 3;
                    return;
                } else {
                    pos++;
                }
            }
            throw error("unterminated string literal", start);
        }
        scanQuoted(q, "string literal", start);
    }

    /**
     * Scans a one-line quoted token (string or backticked name). A backslash always protects the next char,
     * even in raw strings: BigQuery does not end {@code r'\''} at the escaped quote either.
     */
    private void scanQuoted(char q, String what, int start) throws LexicalError {
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) != '\n' && text.charAt(pos + 1) != '\r') {
                pos += 2;
            } else if (c == q) {
                pos++;
                return;
            } else if (c == '\n' || c == '\r') {
                break;
            } else {
                pos++;
            }
        }
        throw error("unterminated " + what + " (a " + what + " must end on the line it starts)", start);
    }

    private void scanNumber() {
        if (text.charAt(pos) == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
            pos += 2;
            while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
                pos++;
            }
            return;
        }
        digits();
        if (peek(0) == '.' && Character.isDigit(peek(1))) {
            pos++;
            digits();
        }
        if ((peek(0) == 'e' || peek(0) == 'E')
                && (Character.isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && Character.isDigit(peek(2))))) {
            pos += 2;
            digits();
        }
    }

    private void digits() {
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : 0;
    }

    private LexicalError error(String message, int offset) {
        return new LexicalError(message, offset, positions.line(offset), positions.column(offset));
    }
}
