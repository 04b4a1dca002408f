package io.github.specpipeline.core.sql.dialect;

import java.util.Locale;
import java.util.Optional;

/**
 * BigQuery's array subscript operators: {@code arr[OFFSET(0)]} (a bare {@code arr[0]} is an OFFSET), and
 * {@code ORDINAL} counting from 1. The plain ones raise an error for a position outside the array, the
 * {@code SAFE_} ones give NULL; a NULL array or position gives NULL for all four.
 */
enum Subscript {
    OFFSET(0, false),
    SAFE_OFFSET(0, true),
    ORDINAL(1, false),
    SAFE_ORDINAL(1, true);

    /** The position of the first element: 0 or 1. */
    final int first;
    /** Whether a position outside the array is NULL rather than an error. */
    final boolean safe;

    Subscript(int first, boolean safe) {
        this.first = first;
        this.safe = safe;
    }

    /** The operator of a subscript function's name ({@code SAFE_OFFSET}), if it is one. */
    static Optional<Subscript> named(String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The target's 1-based index for a rendered position; a literal is shifted here ({@code 1}, not
     * {@code 0 + 1}).
     */
    String oneBased(String position) {
        if (first == 1) {
            return position;
        }
        return isLiteral(position) ? String.valueOf(Long.parseLong(position) + 1) : position + " + 1";
    }

    /** Whether a rendered position is a whole-number literal at or after the first element. */
    static boolean isLiteral(String position) {
        return position.matches("[0-9]{1,18}");
    }

    /**
     * {@code CASE ... END} for a target, given its element access (1-based, NULL outside the array), its length
     * function and its function raising an error: NULL for a NULL array or position, BigQuery's error (or NULL
     * for SAFE_) outside the array. A literal position needs no check of its own.
     */
    String render(String array, String position, String element, String length, String raise) {
        boolean literal = isLiteral(position) && Long.parseLong(position) >= first;
        if (safe) {
            return literal ? element : "CASE WHEN " + position + " >= " + first + " THEN " + element + " END";
        }
        String past = position + (first == 0 ? " >= " : " > ") + length + "(" + array + ")";
        String check = literal ? past : position + " < " + first + " OR " + past;
        String nulls = array + " IS NULL" + (literal ? "" : " OR " + position + " IS NULL");
        return "CASE WHEN " + nulls + " THEN NULL WHEN " + check + " THEN " + raise + " ELSE " + element + " END";
    }

    /** BigQuery's message for a position outside the array, raised by the targets' translations. */
    static final String OUT_OF_BOUNDS = "Array index is out of bounds";
}
