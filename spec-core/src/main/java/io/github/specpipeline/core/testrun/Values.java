package io.github.specpipeline.core.testrun;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text values of seeds and unit-test rows, checked against their column type and normalised to the text bound
 * to {@code CAST(? AS type)}. Checking here, not in DuckDB, gives messages that name what was expected.
 */
public final class Values {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern SPECIAL_DOUBLE = Pattern.compile("[+-]?(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?"
                    + "\\s*(Z|UTC|[+-]\\d{2}(?::?\\d{2})?)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile("(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?");
    private static final DateTimeFormatter CANONICAL_TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

    private Values() {}

    /**
     * The value to bind for {@code text} in a column of {@code type}.
     *
     * @throws ValueException when the text is not a value of that type; the message says what is expected
     */
    public static String canonical(String text, ColumnType type) throws ValueException {
        String t = text.trim();
        switch (type.kind()) {
            case STRING, OTHER:
                return text;
            case INTEGER:
                if (!INTEGER.matcher(t).matches()) {
                    throw expected(text, type, "a whole number, e.g. 42");
                }
                BigInteger v = new BigInteger(t.startsWith("+") ? t.substring(1) : t);
                if (v.bitLength() > 63) {
                    throw expected(text, type, "a whole number between -2^63 and 2^63-1");
                }
                return v.toString();
            case DECIMAL: {
                if (!NUMBER.matcher(t).matches()) {
                    throw expected(text, type, "a decimal number, e.g. 12.50");
                }
                BigDecimal d = new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
                int integerDigits = Math.max(0, d.precision() - d.scale());
                if (integerDigits > type.precision() - type.scale()) {
                    throw expected(
                            text,
                            type,
                            "a number with at most " + (type.precision() - type.scale())
                                    + " digits before the decimal point");
                }
                return d.toPlainString();
            }
            case DOUBLE:
                if (NUMBER.matcher(t).matches()) {
                    return t.startsWith("+") ? t.substring(1) : t;
                }
                if (SPECIAL_DOUBLE.matcher(t).matches()) {
                    String lower = t.toLowerCase(Locale.ROOT);
                    return lower.contains("nan") ? "NaN" : (lower.startsWith("-") ? "-Infinity" : "Infinity");
                }
                throw expected(text, type, "a number, e.g. 3.25 or 1e-3");
            case BOOLEAN:
                return switch (t.toLowerCase(Locale.ROOT)) {
                    case "true", "t", "yes", "y", "1" -> "true";
                    case "false", "f", "no", "n", "0" -> "false";
                    default -> throw expected(text, type, "true or false");
                };
            case DATE:
                return date(t).map(LocalDate::toString)
                        .orElseThrow(() -> expected(text, type, "a date YYYY-MM-DD, e.g. 2024-06-01"));
            case DATETIME: {
                Timestamp ts = timestamp(t)
                        .orElseThrow(
                                () -> expected(
                                        text,
                                        type,
                                        "a date and time YYYY-MM-DD HH:MM:SS[.ffffff] without a time zone, e.g. 2024-06-01 10:00:00"));
                if (ts.offset() != null && ts.offset().getTotalSeconds() != 0) {
                    throw expected(
                            text,
                            type,
                            "a date and time without a time zone (a DATETIME has none), e.g. 2024-06-01 10:00:00");
                }
                return CANONICAL_TS.format(ts.local());
            }
            case TIMESTAMP: {
                Timestamp ts = timestamp(t)
                        .orElseThrow(() -> expected(
                                text,
                                type,
                                "a timestamp YYYY-MM-DDTHH:MM:SS[.ffffff][Z|+HH:MM], e.g. 2024-06-01T10:00:00Z"));
                return CANONICAL_TS.format(ts.utc()) + "+00";
            }
            case TIME:
                return time(t).map(LocalTime::toString)
                        .orElseThrow(() -> expected(text, type, "a time HH:MM:SS[.ffffff], e.g. 10:30:00"));
            default:
                throw new IllegalStateException(type.kind().name());
        }
    }

    /**
     * A parsed timestamp: local date and time, and the offset when one was written (a missing offset means UTC
     * for a TIMESTAMP, none for a DATETIME).
     */
    public record Timestamp(LocalDateTime local, ZoneOffset offset) {
        /** The instant as UTC local time; without an offset the local time is taken as UTC. */
        public LocalDateTime utc() {
            return offset == null ? local : local.minusSeconds(offset.getTotalSeconds());
        }
    }

    /** {@code 2024-06-01}, {@code 2024-06-01 10:00}, {@code 2024-06-01T10:00:00.5Z}, {@code ...+02:00}. */
    public static Optional<Timestamp> timestamp(String text) {
        Matcher m = TIMESTAMP.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate d = LocalDate.of(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            LocalTime time = LocalTime.MIDNIGHT;
            if (m.group(4) != null) {
                time = LocalTime.of(
                        Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                        nanos(m.group(7)));
            }
            ZoneOffset offset = null;
            String z = m.group(8);
            if (z != null) {
                if (z.equalsIgnoreCase("Z") || z.equalsIgnoreCase("UTC")) {
                    offset = ZoneOffset.UTC;
                } else {
                    String digits = z.substring(1).replace(":", "");
                    int hours = Integer.parseInt(digits.substring(0, 2));
                    int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
                    offset = ZoneOffset.ofHoursMinutes(
                            z.startsWith("-") ? -hours : hours, z.startsWith("-") ? -minutes : minutes);
                }
            }
            return Optional.of(new Timestamp(LocalDateTime.of(d, time), offset));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** A strict {@code YYYY-MM-DD} date that exists. */
    public static Optional<LocalDate> date(String text) {
        Matcher m = DATE.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** {@code HH:MM[:SS[.fffffffff]]}. */
    public static Optional<LocalTime> time(String text) {
        Matcher m = TIME.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalTime.of(
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
                    nanos(m.group(4))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        return Integer.parseInt((fraction + "000000000").substring(0, 9));
    }

    private static ValueException expected(String text, ColumnType type, String what) {
        return new ValueException(quote(text) + " is not a valid " + type.shown() + " (expected " + what + ")");
    }

    /** A value for a message: quoted, shortened, control characters made visible. */
    public static String quote(String text) {
        return "'" + visible(text, 60) + "'";
    }

    /**
     * Control characters as escapes ({@code \n}, {@code \r}, {@code \t} by name), cut to {@code max} characters with
     * an ellipsis. Not {@code parse.Names.show}, which writes every control as {@code \}{@code uXXXX} and cuts at 80
     * with {@code ...}: that one is for the spec's names and values in diagnostics (pinned by the golden diagnostics),
     * this one for data values in test reports and console lines, where line breaks are common and read better by
     * name. Merging them would change the bytes of one or the other; neither form is wrong.
     */
    public static String visible(String text, int max) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (; i < text.length() && b.length() < max; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        if (i < text.length()) {
            b.append('…');
        }
        return b.toString();
    }
}
