package io.github.specpipeline.core.validate;

import io.github.specpipeline.core.sql.SqlTypes;
import java.util.Optional;
import java.util.Set;

/**
 * What the CAST that generated SQL adds does to a column's values when its declared type differs from its source
 * column's type (SP407). A widening cast keeps every value; any other may round, cut, fail or reinterpret them.
 *
 * @param lossy  whether values can change or the cast can fail
 * @param effect what happens to the values, for the message
 */
record TypeConversion(boolean lossy, String effect) {
    private static final Set<String> COMPLEX_PREFIXES = Set.of("ARRAY<", "STRUCT<");
    private static final Set<String> NEVER_CAST = Set.of("GEOGRAPHY", "JSON", "INTERVAL");
    private static final Set<String> NUMBERS = Set.of("INT64", "NUMERIC", "BIGNUMERIC", "FLOAT64");

    /**
     * The conversion from {@code source} to {@code declared}; empty when no cast is generated: the same type
     * (aliases such as INTEGER for INT64 count as the same, parameters as written must match), or a declared type
     * that is never cast (ARRAY, STRUCT, GEOGRAPHY, JSON, INTERVAL).
     */
    static Optional<TypeConversion> of(String source, String declared) {
        String from = SqlTypes.normalise(source);
        String to = SqlTypes.normalise(declared);
        String a = SqlTypes.baseType(from);
        String b = SqlTypes.baseType(to);
        if (isComplex(to)
                || NEVER_CAST.contains(b)
                || from.equals(to)
                || (!from.contains("(") && !to.contains("(") && a.equals(b))) {
            return Optional.empty();
        }
        return Optional.of(classify(a, b, to.contains("(")));
    }

    private static boolean isComplex(String type) {
        return COMPLEX_PREFIXES.stream().anyMatch(type::startsWith);
    }

    private static TypeConversion classify(String a, String b, boolean toParameters) {
        if (a.equals(b)) {
            return toParameters
                    ? lossy("a value beyond the declared length or precision fails or is rounded")
                    : widening("the parameters are dropped; every value is kept");
        }
        if (b.equals("STRING") && !isComplex(a) && !a.equals("BYTES")) {
            return widening(
                    "the values become their text form; every value is kept, but they sort and compare as text");
        }
        if (a.equals("STRING")) {
            return lossy("a text that is not a valid " + b + " makes the query fail");
        }
        if (a.equals("INT64") && (b.equals("NUMERIC") || b.equals("BIGNUMERIC") || b.equals("FLOAT64"))) {
            return widening(
                    "a widening cast: every value is kept" + (b.equals("FLOAT64") ? " (exactly up to 2^53)" : ""));
        }
        if (a.equals("NUMERIC") && b.equals("BIGNUMERIC")) {
            return widening("a widening cast: every value is kept");
        }
        if (a.equals("DATE") && (b.equals("DATETIME") || b.equals("TIMESTAMP"))) {
            return widening("each date becomes its midnight" + (b.equals("TIMESTAMP") ? " in UTC" : ""));
        }
        if (NUMBERS.contains(a) && b.equals("INT64")) {
            return lossy("the fraction is rounded away, and a value out of the INT64 range makes the query fail");
        }
        if (NUMBERS.contains(a) && b.equals("FLOAT64")) {
            return lossy("exact decimals become floating point and can lose digits");
        }
        if (NUMBERS.contains(a) && NUMBERS.contains(b)) {
            return lossy(
                    "values are rounded to the declared precision, and a value out of its range makes the query fail");
        }
        if (a.equals("TIMESTAMP") && b.equals("DATE")) {
            return lossy("the time of day is dropped, and the date is taken in UTC");
        }
        if (a.equals("TIMESTAMP") && b.equals("DATETIME")) {
            return lossy("the time zone is dropped: the value becomes the UTC date and time");
        }
        if (a.equals("DATETIME") && b.equals("TIMESTAMP")) {
            return lossy("the date and time are read as UTC");
        }
        if ((a.equals("TIMESTAMP") || a.equals("DATETIME")) && (b.equals("DATE") || b.equals("TIME"))) {
            return lossy("the " + (b.equals("DATE") ? "time of day" : "date") + " is dropped");
        }
        return lossy("the values change meaning or the cast fails");
    }

    private static TypeConversion widening(String effect) {
        return new TypeConversion(false, effect);
    }

    private static TypeConversion lossy(String effect) {
        return new TypeConversion(true, effect);
    }
}
