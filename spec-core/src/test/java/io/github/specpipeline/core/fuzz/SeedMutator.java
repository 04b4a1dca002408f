package io.github.specpipeline.core.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutates one seed CSV file: bit flips, lines deleted or duplicated, a value of the wrong type, unbalanced
 * quotes, the header changed, a BOM, CRLF, a huge field, many rows, a field too many or too few, or the file
 * deleted, emptied or cut to its header.
 */
final class SeedMutator implements Mutator {
    static final List<String> VALUES = List.of(
            "abc",
            "",
            "NULL",
            "\\N",
            "1e400",
            "-0",
            "NaN",
            "Infinity",
            "99999999999999999999999999999999999999999",
            "2024-13-45",
            "2024-02-30T25:61:00Z",
            "0000-01-01",
            "true",
            "yes",
            "\"",
            "\"\"",
            "\"a\"b",
            "'",
            "\u0000",
            "\uFEFF1",
            "\uD83D\uDE00",
            "1,5",
            " 1 ",
            "0x10",
            "1.5",
            "-1",
            "=cmd|' /C calc'!A0");

    @Override
    public FuzzCase mutate(FuzzCase base, Random r, Limits limits, String id) {
        List<String> seeds = base.files().keySet().stream()
                .filter(k -> k.startsWith(FuzzCase.SEEDS + "/") && k.endsWith(".csv"))
                .toList();
        String file = Text.pick(r, seeds);
        String text = base.text(file);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        String name = file.substring(file.lastIndexOf('/') + 1);
        StringBuilder what =
                new StringBuilder(base.id()).append(" ").append(name).append(": ");
        int row = 1 + r.nextInt(Math.max(1, lines.size() - 1));
        byte[] out;
        switch (r.nextInt(14)) {
            case 0 -> out = Text.flipBits(Text.utf8(text), r, what);
            case 1 -> {
                what.append("line ").append(row + 1).append(" deleted");
                lines.remove(Math.min(row, lines.size() - 1));
                out = join(lines);
            }
            case 2 -> {
                what.append("line ").append(row + 1).append(" duplicated");
                lines.add(row, lines.get(Math.min(row, lines.size() - 1)));
                out = join(lines);
            }
            case 3, 4 -> {
                String v = Text.pick(r, VALUES);
                what.append("line ").append(row + 1).append(": a field -> ").append(Text.quote(v));
                lines.set(row, replaceField(lines.get(row), r, v));
                out = join(lines);
            }
            case 5 -> {
                String[] header = lines.get(0).split(",", -1);
                int c = r.nextInt(header.length);
                String to = Text.pick(
                        r,
                        "",
                        header[(c + 1) % header.length],
                        header[c].toUpperCase(java.util.Locale.ROOT),
                        header[c] + " ",
                        "\"" + header[c] + "\"",
                        "x\u0000",
                        "\uFEFF" + header[c]);
                what.append("header ").append(header[c]).append(" -> ").append(Text.quote(to));
                header[c] = to;
                lines.set(0, String.join(",", header));
                out = join(lines);
            }
            case 6 -> {
                what.append("BOM added");
                out = Text.utf8("\uFEFF" + text);
            }
            case 7 -> {
                what.append("CRLF line ends");
                out = Text.utf8(text.replace("\n", "\r\n"));
            }
            case 8 -> {
                int n = Text.size(r, limits.hugeString());
                what.append("line ")
                        .append(row + 1)
                        .append(": a field of ")
                        .append(n)
                        .append(" chars");
                lines.set(row, replaceField(lines.get(row), r, Text.repeat("x", n)));
                out = join(lines);
            }
            case 9 -> {
                int n = Text.size(r, limits.seedRows());
                String copy = lines.get(row);
                for (int i = 0; i < n; i++) {
                    lines.add(copy);
                }
                what.append(n).append(" copies of line ").append(row + 1);
                out = join(lines);
            }
            case 10 -> {
                boolean more = r.nextBoolean();
                String line = lines.get(row);
                what.append("line ").append(row + 1).append(more ? ": a field too many" : ": a field too few");
                lines.set(
                        row,
                        more ? line + ",extra" : line.contains(",") ? line.substring(0, line.lastIndexOf(',')) : "");
                out = join(lines);
            }
            case 11 -> {
                int pos = Text.position(text, r);
                what.append("unbalanced quote at char ").append(pos);
                out = Text.utf8(Text.insert(text, pos, "\""));
            }
            case 12 -> {
                what.append("cut to its header");
                out = Text.utf8(lines.get(0) + "\n");
            }
            default -> {
                boolean delete = r.nextBoolean();
                what.append(delete ? "file deleted" : "emptied");
                if (delete) {
                    return new FuzzCase(
                            FuzzFamily.SEEDS,
                            id,
                            what.toString(),
                            base.with(file, null).files());
                }
                out = new byte[0];
            }
        }
        return new FuzzCase(
                FuzzFamily.SEEDS, id, what.toString(), base.with(file, out).files());
    }

    private static String replaceField(String line, Random r, String value) {
        String[] fields = line.split(",", -1);
        fields[r.nextInt(fields.length)] = value;
        return String.join(",", fields);
    }

    private static byte[] join(List<String> lines) {
        return Text.utf8(String.join("\n", lines) + "\n");
    }
}
