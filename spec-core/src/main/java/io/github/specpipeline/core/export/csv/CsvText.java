package io.github.specpipeline.core.export.csv;

import java.util.regex.Pattern;

/**
 * Makes a spec value safe as a CSV cell (OWASP "CSV injection"): a spreadsheet opening the file evaluates a cell
 * that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return as a formula. Such a
 * cell gets a leading {@code '}, which spreadsheets show as text and which makes the value visibly escaped;
 * plain numbers ({@code -12.5}, {@code +3}) are left as they are. A null becomes an empty cell, never
 * {@code None} or {@code null}. Quoting (RFC 4180) is the CSV printer's job, not this class's.
 */
public final class CsvText {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvText() {}

    /** The cell text for {@code value}. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return isDangerous(value) ? "'" + value : value;
    }

    /** Whether a spreadsheet would read {@code value} as a formula. */
    public static boolean isDangerous(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        char c = value.charAt(0);
        if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') {
            return false;
        }
        return !NUMBER.matcher(value.strip()).matches();
    }
}
