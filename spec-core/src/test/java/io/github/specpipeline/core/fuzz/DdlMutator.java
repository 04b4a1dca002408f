package io.github.specpipeline.core.fuzz;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutates one source DDL file: bit flips, deleted or duplicated tokens, a column type swapped, STRUCT nesting,
 * many tables or columns, the file deleted, emptied, truncated, or given comments, quotes and Unicode.
 */
final class DdlMutator implements Mutator {
    static final Pattern TYPE =
            Pattern.compile("\\b(INT64|STRING|NUMERIC|DATE|TIMESTAMP|BOOL|FLOAT64|DATETIME|BYTES)\\b");
    static final List<String> TYPES = List.of(
            "STRING",
            "INT64",
            "BOOL",
            "JSON",
            "GEOGRAPHY",
            "BIGNUMERIC(76, 38)",
            "NUMERIC(1000)",
            "STRING(10)",
            "ARRAY<STRING>",
            "ARRAY<STRUCT<a INT64, b ARRAY<DATE>>>",
            "STRUCT<>",
            "INTERVAL",
            "RANGE<DATE>",
            "NOSUCHTYPE",
            "INT64 NOT NULL NOT NULL",
            "DATE DEFAULT CURRENT_DATE()",
            "",
            "`INT64`",
            "INT64)",
            "VARCHAR",
            "TEXT",
            "DECIMAL(2,1)",
            "ARRAY<ARRAY<INT64>>",
            "STRUCT<x STRUCT<y INT64>>");

    @Override
    public FuzzCase mutate(FuzzCase base, Random r, Limits limits, String id) {
        List<String> ddl = base.files().keySet().stream()
                .filter(k -> k.startsWith(FuzzCase.DDL + "/"))
                .toList();
        String file = Text.pick(r, ddl);
        String text = base.text(file);
        String name = file.substring(file.lastIndexOf('/') + 1);
        StringBuilder what =
                new StringBuilder(base.id()).append(" ").append(name).append(": ");
        byte[] out;
        switch (r.nextInt(12)) {
            case 0 -> out = Text.flipBits(Text.utf8(text), r, what);
            case 1 -> out = Text.utf8(Text.tokenEdit(text, Text.sqlTokens(text), r, what));
            case 2 -> {
                List<int[]> types = spans(text);
                String type = Text.pick(r, TYPES);
                if (types.isEmpty()) {
                    out = Text.utf8(text);
                    what.append("no type to swap");
                } else {
                    int[] t = Text.pick(r, types);
                    what.append("type ").append(text, t[0], t[1]).append(" -> ").append(Text.quote(type));
                    out = Text.utf8(text.substring(0, t[0]) + type + text.substring(t[1]));
                }
            }
            case 3 -> {
                int depth = Text.size(r, Math.max(1, limits.sqlNesting()));
                String type = Text.repeat("STRUCT<x ", depth * 9) + "INT64" + Text.repeat(">", depth);
                what.append("a column of STRUCT nested ").append(depth).append(" deep");
                out = Text.utf8(text.replaceFirst("\\n\\);", Matcher.quoteReplacement(",\n  deep " + type + "\n);")));
            }
            case 4 -> {
                int n = Text.size(r, limits.ddlTables());
                StringBuilder sb = new StringBuilder(text);
                for (int i = 0; i < n; i++) {
                    sb.append("\nCREATE TABLE `raw.fuzz_t").append(i).append("` (id INT64, v STRING);");
                }
                what.append(n).append(" more tables");
                out = Text.utf8(sb.toString());
            }
            case 5 -> {
                int n = Text.size(r, limits.ddlTables() * 20);
                StringBuilder cols = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    cols.append(",\n  c").append(i).append(" STRING");
                }
                what.append(n).append(" more columns");
                out = Text.utf8(text.replaceFirst("\\n\\);", Matcher.quoteReplacement(cols + "\n);")));
            }
            case 6 -> {
                what.append("file deleted");
                return new FuzzCase(
                        FuzzFamily.DDL,
                        id,
                        what.toString(),
                        base.with(file, null).files());
            }
            case 7 -> {
                what.append("emptied");
                out = new byte[0];
            }
            case 8 -> {
                int cut = r.nextInt(Math.max(1, text.length()));
                what.append("truncated at char ").append(cut);
                out = Text.utf8(text.substring(0, cut));
            }
            case 9 -> {
                String piece = Text.pick(
                        r,
                        "--",
                        "/*",
                        "*/",
                        "`",
                        "'",
                        "\"",
                        "#",
                        ";",
                        "CREATE TABLE",
                        ")",
                        "(",
                        "<",
                        ">",
                        "\u0000",
                        "\uFEFF",
                        "\u202E",
                        "\uD83D\uDE00",
                        "\u00e9");
                int pos = Text.position(text, r);
                what.append("inserted ")
                        .append(Text.quote(piece))
                        .append(" at char ")
                        .append(pos);
                out = Text.utf8(Text.insert(text, pos, piece));
            }
            case 10 -> {
                what.append("statement written twice");
                out = Text.utf8(text + "\n" + text);
            }
            default -> {
                String extra = Text.pick(r, "garbage.sql", "z.sql", "dup.sql");
                String content = Text.pick(
                        r, "\u00ff\u00fe", "CREATE TABLE", text, "SELECT 1;", "CREATE VIEW `raw.v` AS SELECT 1;");
                what.append("extra file ").append(extra).append(" with ").append(Text.quote(content));
                return new FuzzCase(
                        FuzzFamily.DDL,
                        id,
                        what.toString(),
                        base.with(FuzzCase.DDL + "/" + extra, Text.utf8(content))
                                .files());
            }
        }
        return new FuzzCase(
                FuzzFamily.DDL, id, what.toString(), base.with(file, out).files());
    }

    private static List<int[]> spans(String text) {
        Matcher m = TYPE.matcher(text);
        java.util.ArrayList<int[]> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(new int[] {m.start(), m.end()});
        }
        return out;
    }
}
