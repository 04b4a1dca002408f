package io.github.specpipeline.core.engine.bigquery;

import io.github.specpipeline.core.engine.bigquery.BigQueryType.ArrayOf;
import io.github.specpipeline.core.engine.bigquery.BigQueryType.Field;
import io.github.specpipeline.core.engine.bigquery.BigQueryType.Scalar;
import io.github.specpipeline.core.engine.bigquery.BigQueryType.StructOf;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** A small recursive-descent reader of BigQuery type text ({@link BigQueryType#parse}). */
final class TypeParser {
    private final String text;
    private int pos;

    TypeParser(String text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    BigQueryType parse() {
        BigQueryType t = type();
        skipSpace();
        if (pos < text.length()) {
            throw fail("unexpected '" + text.charAt(pos) + "'");
        }
        return t;
    }

    private BigQueryType type() {
        String word = word().toUpperCase(Locale.ROOT);
        if (word.isEmpty()) {
            throw fail("a type name is expected");
        }
        switch (word) {
            case "ARRAY" -> {
                expect('<');
                BigQueryType element = type();
                expect('>');
                return new ArrayOf(element);
            }
            case "STRUCT" -> {
                expect('<');
                List<Field> fields = new ArrayList<>();
                do {
                    String name = fieldName();
                    fields.add(new Field(name, type()));
                } while (accept(','));
                expect('>');
                return new StructOf(fields);
            }
            default -> {
                for (ScalarKind k : ScalarKind.values()) {
                    if (k.isNamed(word)) {
                        skipParameters();
                        return new Scalar(k);
                    }
                }
                throw fail("'" + word + "' is not a BigQuery type");
            }
        }
    }

    private String fieldName() {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '`') {
            int end = text.indexOf('`', pos + 1);
            if (end < 0) {
                throw fail("unclosed '`'");
            }
            String name = text.substring(pos + 1, end);
            pos = end + 1;
            return name;
        }
        String name = word();
        if (name.isEmpty()) {
            throw fail("a STRUCT field name is expected");
        }
        return name;
    }

    private void skipParameters() {
        if (accept('(')) {
            int close = text.indexOf(')', pos);
            if (close < 0) {
                throw fail("unclosed '('");
            }
            pos = close + 1;
        }
    }

    private String word() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean accept(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw fail("'" + c + "' is expected");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException fail(String why) {
        return new IllegalArgumentException(
                "'" + text + "' is not a BigQuery type: " + why + " at character " + (pos + 1));
    }
}
