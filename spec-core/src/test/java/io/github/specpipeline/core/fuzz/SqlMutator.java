package io.github.specpipeline.core.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Mutates one SQL fragment of the spec (a transform, formula, predicate, join condition or test expression):
 * nesting, unbalanced quotes, keywords, Unicode, deleted or duplicated tokens, renamed functions, odd literals,
 * broken {@code {from}} placeholders, long operator chains, or a replacement by something that is not one expression.
 */
final class SqlMutator implements Mutator {
    static final Set<String> FRAGMENT_FIELDS = Set.of("transform", "formula", "expression", "predicate", "condition");

    /** Wrappers; {@code %s} is the fragment. Several of them at depth are the open hangs of issue 17. */
    static final List<String> WRAPPERS = List.of(
            "TRIM(%s)",
            "UPPER(%s)",
            "COALESCE(%s, NULL)",
            "NULLIF(%s, '')",
            "(%s)",
            "CASE WHEN TRUE THEN %s ELSE NULL END",
            "CAST(%s AS STRING)",
            "SAFE_CAST(%s AS INT64)",
            "ABS(%s)",
            "CONCAT(%s, 'x')",
            "IF(%s IS NULL, 0, 1)",
            "-(%s)",
            "NOT (%s)",
            "ARRAY_LENGTH([%s])",
            "SUM(%s)");

    static final List<String> KEYWORDS = List.of(
            "SELECT",
            "FROM",
            "WHERE",
            "UNION ALL SELECT 1",
            ";",
            "; DROP TABLE x; --",
            "--",
            "/*",
            "*/",
            "WITH",
            "OVER ()",
            "PARTITION BY",
            "INTERVAL 1 DAY",
            "EXTRACT(",
            "STRUCT<",
            "ARRAY[",
            "QUALIFY",
            "AND",
            "OR",
            "NOT",
            "IS",
            "NULL",
            "CASE",
            "END",
            "BETWEEN",
            "IN (",
            ")",
            "(",
            ",",
            "*",
            "||",
            "::",
            "@x",
            "?",
            "$1",
            "`",
            "r'",
            "b'",
            "'''",
            "\"\"\"",
            "\\",
            "{",
            "}",
            "{from}",
            "{{from}}",
            "{from",
            "{fro}",
            "EXISTS (SELECT 1)");

    static final List<String> FUNCTIONS = List.of(
            "TRIM",
            "NOSUCHFN",
            "SUM",
            "COUNT",
            "MAX",
            "ROW_NUMBER",
            "ARRAY_AGG",
            "REGEXP_EXTRACT",
            "DATE_TRUNC",
            "FORMAT",
            "SAFE_DIVIDE",
            "STRING_AGG",
            "GENERATE_ARRAY",
            "JSON_EXTRACT",
            "APPROX_COUNT_DISTINCT");

    static final List<String> REPLACEMENTS = List.of(
            "",
            " ",
            ";",
            "NULL",
            "{from}",
            "*",
            "SELECT 1",
            "a, b",
            "1 1",
            "()",
            "x IN ()",
            "CASE END",
            "'unterminated",
            "\"",
            "`a",
            "1e999",
            "99999999999999999999999999999999999999999",
            "-0",
            "0x1F",
            "DATE '2024-13-45'",
            "TIMESTAMP 'x'",
            "INTERVAL 'x' DAY",
            "@@version",
            "customer_id.*",
            "t.",
            ".",
            "..",
            "\u0000",
            "\uFEFF{from}",
            "{from}\u202E",
            "\uFF08{from}\uFF09");

    @Override
    public FuzzCase mutate(FuzzCase base, Random r, Limits limits, String id) {
        JsonNode root = JsonTree.parse(base.text(FuzzCase.SPEC));
        List<JsonTree.Slot> fragments = JsonTree.slots(
                root, s -> s.node().isTextual() && s.field() != null && FRAGMENT_FIELDS.contains(s.field()));
        JsonTree.Slot slot = Text.pick(r, fragments);
        String before = slot.node().asText();
        StringBuilder what =
                new StringBuilder(base.id()).append(" ").append(slot.pointer()).append(": ");
        String after = mutate(before, r, limits, what);
        slot.replace(new TextNode(after));
        what.append(" -> ").append(Text.quote(after));
        return new FuzzCase(
                FuzzFamily.SQL,
                id,
                what.toString(),
                base.with(FuzzCase.SPEC, Text.utf8(JsonTree.write(root))).files());
    }

    static String mutate(String s, Random r, Limits limits, StringBuilder what) {
        switch (r.nextInt(10)) {
            case 0 -> {
                String wrapper = Text.pick(r, WRAPPERS);
                int depth = Text.size(r, limits.sqlNesting());
                String out = s;
                for (int i = 0; i < depth; i++) {
                    out = wrapper.replace("%s", out);
                    if (out.length() > 2_000_000) {
                        break;
                    }
                }
                what.append("wrapped ").append(depth).append("x in ").append(wrapper);
                return out;
            }
            case 1 -> {
                int pos = Text.position(s, r);
                String q = Text.pick(r, "'", "\"", "`", "'''", "\\'");
                what.append("unbalanced quote ").append(q).append(" at ").append(pos);
                return Text.insert(s, pos, q);
            }
            case 2 -> {
                String k = Text.pick(r, KEYWORDS);
                int pos = boundary(s, r);
                what.append("inserted ").append(Text.quote(k)).append(" at ").append(pos);
                return Text.insert(s, pos, " " + k + " ");
            }
            case 3 -> {
                String u = Text.pick(r, Text.UNICODE);
                int pos = Text.position(s, r);
                what.append("inserted ").append(Text.quote(u)).append(" at ").append(pos);
                return Text.insert(s, pos, u);
            }
            case 4 -> {
                return Text.tokenEdit(s, Text.sqlTokens(s), r, what);
            }
            case 5 -> {
                String f = Text.pick(r, FUNCTIONS);
                String out = s.replaceFirst("\\b[A-Za-z_]+\\s*\\(", f + "(");
                what.append("first function renamed to ").append(f);
                return out.equals(s) ? f + "(" + s + ")" : out;
            }
            case 6 -> {
                String rep = Text.pick(r, REPLACEMENTS);
                what.append("replaced");
                return rep;
            }
            case 7 -> {
                int terms = Text.size(r, limits.sqlNesting() * 20);
                String op = Text.pick(r, " + ", " || ", " AND ", " = ", " * ", ", ");
                StringBuilder sb = new StringBuilder(s);
                for (int i = 1; i < terms; i++) {
                    sb.append(op).append(s);
                    if (sb.length() > 2_000_000) {
                        break;
                    }
                }
                what.append("chained ").append(terms).append(" times with").append(Text.quote(op));
                return sb.toString();
            }
            case 8 -> {
                String lit = Text.pick(
                        r,
                        "1e999",
                        "-9223372036854775809",
                        "0.0000000000000000000000000001",
                        "''",
                        "'\u0000'",
                        "NULL",
                        "TRUE",
                        "b'\\xff'",
                        "NUMERIC '1'",
                        "DATE '0000-00-00'",
                        "JSON '{'");
                String out =
                        s.replaceFirst("'[^']*'|\\b\\d+(\\.\\d+)?\\b", java.util.regex.Matcher.quoteReplacement(lit));
                what.append("first literal replaced by ").append(lit);
                return out.equals(s) ? s + " + " + lit : out;
            }
            default -> {
                String out = s.contains("{from}")
                        ? s.replace(
                                "{from}",
                                Text.pick(
                                        r,
                                        "{from",
                                        "{ from }",
                                        "{FROM}",
                                        "{from}{from}",
                                        "{{from}}",
                                        "{from.x}",
                                        "{}",
                                        "{from}.x"))
                        : "{from} " + s;
                what.append("placeholder changed");
                return out;
            }
        }
    }

    /** A position between two tokens. */
    private static int boundary(String s, Random r) {
        List<int[]> tokens = Text.sqlTokens(s);
        if (tokens.isEmpty()) {
            return 0;
        }
        int[] t = Text.pick(r, tokens);
        return r.nextBoolean() ? t[0] : t[1];
    }
}
