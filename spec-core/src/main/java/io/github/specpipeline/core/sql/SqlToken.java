package io.github.specpipeline.core.sql;

import java.util.Locale;
import java.util.Objects;

/**
 * One lexical token of BigQuery SQL text, located in the text it was read from.
 *
 * @param kind   what sort of token it is
 * @param text   the exact source text of the token (quotes, prefixes and comment markers included)
 * @param offset 0-based char offset of the first character
 * @param line   1-based line of the first character
 * @param column 1-based column (in UTF-16 chars) of the first character
 */
public record SqlToken(Kind kind, String text, int offset, int line, int column) {

    /** Token kinds. Only the distinctions the spec tooling needs: no keyword table, no multi-char operators. */
    public enum Kind {
        /** An unquoted name or keyword: {@code customer_id}, {@code SELECT}, {@code INT64}. */
        IDENTIFIER,
        /** A backtick-quoted name: {@code `raw.crm_customers`}. */
        QUOTED_IDENTIFIER,
        /** A string or bytes literal in any BigQuery form: {@code 'a'}, {@code "a"}, {@code r'..'}, {@code '''..'''}. */
        STRING,
        /** A numeric literal: {@code 10}, {@code 1.5e3}, {@code 0x1F}. */
        NUMBER,
        /** One punctuation or operator character: {@code ( ) , ; . < > = + *} and the rest. */
        SYMBOL,
        /** A {@code --}, {@code #} or {@code /* *}{@code /} comment. */
        COMMENT
    }

    public SqlToken {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** Offset just past the token. */
    public int end() {
        return offset + text.length();
    }

    /** True for an identifier token whose text equals {@code word} ignoring case (a keyword test). */
    public boolean isWord(String word) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(word);
    }

    /** True for the one-character symbol {@code c}. */
    public boolean isSymbol(char c) {
        return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == c;
    }

    /**
     * The name this identifier token stands for: backticks removed and escapes resolved for quoted names,
     * the text itself otherwise.
     */
    public String identifierName() {
        if (kind != Kind.QUOTED_IDENTIFIER) {
            return text;
        }
        return SqlLiterals.unescape(text.substring(1, text.length() - 1));
    }

    /** Upper-cased text, for keyword comparisons and messages. */
    public String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}
