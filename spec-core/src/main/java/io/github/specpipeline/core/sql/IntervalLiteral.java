package io.github.specpipeline.core.sql;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A BigQuery INTERVAL literal of one unit, {@code INTERVAL 3 DAY}: the only form an incremental model's lookback
 * takes. It is written the same in BigQuery, DuckDB and Spark SQL, and subtracting it from a TIMESTAMP, DATETIME or
 * DATE means the same in all three (a calendar day, not 24 hours, only matters across DST changes, and every
 * engine runs in UTC here).
 *
 * @param amount a non-negative count
 * @param unit   DAY, HOUR, MINUTE or SECOND
 */
public record IntervalLiteral(long amount, String unit) {
    private static final Pattern FORM =
            Pattern.compile("(?i)\\s*INTERVAL\\s+'?(\\d{1,9})'?\\s+(DAY|HOUR|MINUTE|SECOND)\\s*");

    /** The literal {@code text} reads as, if it is one. */
    public static Optional<IntervalLiteral> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(
                new IntervalLiteral(Long.parseLong(m.group(1)), m.group(2).toUpperCase(Locale.ROOT)));
    }

    public static boolean isValid(String text) {
        return parse(text).isPresent();
    }

    /**
     * Whether a column of BigQuery type {@code type} can be a watermark: a point in time (or, without a lookback,
     * an integer sequence). Hours, minutes and seconds only fit a TIMESTAMP or DATETIME, but that is the
     * engines' concern; DATE minus INTERVAL is a DATETIME in BigQuery and compares with the DATE.
     */
    public static boolean orderable(String type, boolean withLookback) {
        String t = type.strip().toUpperCase(Locale.ROOT);
        return t.equals("TIMESTAMP")
                || t.equals("DATETIME")
                || t.equals("DATE")
                || (!withLookback && t.equals("INT64"));
    }

    /** The literal as every dialect writes it. */
    public String sql() {
        return "INTERVAL " + amount + " " + unit;
    }
}
