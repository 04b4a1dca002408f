package io.github.specpipeline.core.testrun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seed CSV files of random rows over the DDL types, from a fixed seed (the same files for the same seed): NULLs,
 * blank strings (a seed's empty field is NULL, so an empty string comes from trimming them), negatives, zero, month ends, leap days, midnight and the last microsecond of a day, text with
 * spaces, quotes and non-ASCII letters. Whole numbers are drawn from a small range so that joins and group keys
 * meet.
 */
final class RandomSeeds {
    private static final String[] INTEGERS = {"-3", "-1", "0", "1", "2", "3", "4", "5", "7", "10", "42", "1000000"};
    private static final String[] DECIMALS = {
        "-12.5", "-0.01", "0", "0.000000001", "1", "2.50", "49.5", "100", "1234567.891", "-99999.999999999"
    };
    private static final String[] DOUBLES = {"-1.5", "-0.25", "0", "0.1", "1", "3.25", "1e10", "-2.5e-3", "1e-7"};
    private static final String[] STRINGS = {
        " ", "  ", "a", "A", "b", " b ", "ß", "é中", "x,y", "'", "\"\"\"\"", "NULL", "42", "-1", "2024-01-31", "ABC"
    };
    private static final String[] DATES = {
        "2024-02-29", "2023-02-28", "2024-01-31", "2024-03-01", "2023-12-31", "2024-04-30", "1970-01-01", "2000-02-29"
    };
    private static final String[] TIMES = {"00:00:00", "23:59:59.999999", "12:30:00", "00:00:00.5"};
    private static final String[] BOOLEANS = {"true", "false"};

    private RandomSeeds() {}

    /** Writes {@code <table>.csv} for every raw table into {@code dir}: {@code rows} rows each. */
    static void write(Map<String, RawTable> tables, long seed, int rows, Path dir) throws IOException {
        Random random = new Random(seed);
        Files.createDirectories(dir);
        for (RawTable t : tables.values()) {
            StringBuilder csv = new StringBuilder();
            List<String> header = new ArrayList<>();
            t.columns().forEach(c -> header.add(quote(c.name())));
            csv.append(String.join(",", header)).append('\n');
            for (int r = 0; r < rows; r++) {
                List<String> cells = new ArrayList<>();
                for (RawTable.Column c : t.columns()) {
                    boolean isNull = !c.notNull() && random.nextInt(6) == 0;
                    cells.add(isNull ? "" : value(c.type(), random));
                }
                csv.append(String.join(",", cells)).append('\n');
            }
            Files.writeString(dir.resolve(t.name() + ".csv"), csv.toString(), StandardCharsets.UTF_8);
        }
    }

    private static String value(ColumnType type, Random random) {
        return switch (type.kind()) {
            case INTEGER -> pick(INTEGERS, random);
            case DECIMAL -> decimal(type, random);
            case DOUBLE -> pick(DOUBLES, random);
            case BOOLEAN -> pick(BOOLEANS, random);
            case STRING, OTHER -> quote(pick(STRINGS, random));
            case DATE -> pick(DATES, random);
            case DATETIME -> pick(DATES, random) + " " + pick(TIMES, random);
            case TIMESTAMP -> pick(DATES, random) + "T" + pick(TIMES, random) + "Z";
            case TIME -> pick(TIMES, random);
        };
    }

    /** A decimal that fits the column's precision and scale. */
    private static String decimal(ColumnType type, Random random) {
        for (int i = 0; i < 20; i++) {
            String v = pick(DECIMALS, random);
            java.math.BigDecimal d = new java.math.BigDecimal(v);
            if (d.scale() <= type.scale() && d.precision() - d.scale() <= type.precision() - type.scale()) {
                return v;
            }
        }
        return "0";
    }

    private static String pick(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }

    /** A CSV field: quoted when it holds a comma, a quote or spaces; the pool's quoted entries are left as they are. */
    private static String quote(String v) {
        if (v.startsWith("\"")) {
            return v;
        }
        if (v.contains(",") || v.contains("'") || v.startsWith(" ") || v.endsWith(" ")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
