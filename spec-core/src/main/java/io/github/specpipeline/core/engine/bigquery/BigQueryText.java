package io.github.specpipeline.core.engine.bigquery;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * BigQuery's text of a value ({@code CAST(x AS STRING)}) from plain Java values, for every engine's rows: this class
 * does not use ZetaSQL, so it works where GoogleSQL's library is absent. {@link BigQueryValues} uses it for
 * GoogleSQL's values.
 */
public final class BigQueryText {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private BigQueryText() {}

    /** A NUMERIC or BIGNUMERIC without trailing zeros: {@code 49.5}, not {@code 49.500000000}. */
    public static String numeric(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    /**
     * FLOAT64 text as GoogleSQL writes it: C's {@code %.15g}, or {@code %.17g} when 15 digits do not give the same
     * double back; {@code inf}, {@code -inf}, {@code nan}; zero unsigned.
     */
    public static String float64(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return "0";
        }
        String s = g(d, 15);
        return Double.parseDouble(s) == d ? s : g(d, 17);
    }

    /** A FLOAT64 from its text, {@code inf}, {@code infinity}, {@code nan} in any case included. */
    public static double parseFloat64(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            case "nan", "+nan", "-nan" -> Double.NaN;
            default -> Double.parseDouble(t);
        };
    }

    /** A DATETIME: {@code 2024-06-01 10:00:00[.fff[fff]]}. */
    public static String dateTime(LocalDateTime t) {
        return SECONDS.format(t) + fraction(t.getNano() / 1000);
    }

    /** A TIME: {@code 10:00:00[.fff[fff]]}. */
    public static String time(LocalTime t) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond())
                + fraction(t.getNano() / 1000);
    }

    /** A TIMESTAMP of microseconds since the epoch, in UTC: {@code 2024-06-01 10:00:00[.fff[fff]]+00}. */
    public static String timestamp(long unixMicros) {
        long seconds = Math.floorDiv(unixMicros, MICROS_PER_SECOND);
        int micros = (int) Math.floorMod(unixMicros, MICROS_PER_SECOND);
        LocalDateTime utc = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        return SECONDS.format(utc) + fraction(micros) + "+00";
    }

    /** A TIMESTAMP, in UTC (a fraction below a microsecond is dropped, as BigQuery holds microseconds). */
    public static String timestamp(OffsetDateTime t) {
        long micros = Math.addExact(Math.multiplyExact(t.toEpochSecond(), MICROS_PER_SECOND), t.getNano() / 1000);
        return timestamp(micros);
    }

    /** BigQuery writes fractions of a second in groups of three digits: {@code .5} as {@code .500}. */
    static String fraction(int micros) {
        if (micros == 0) {
            return "";
        }
        return micros % 1000 == 0
                ? String.format(Locale.ROOT, ".%03d", micros / 1000)
                : String.format(Locale.ROOT, ".%06d", micros);
    }

    /** C's {@code printf("%.<precision>g", d)} for a finite, non-zero double. */
    private static String g(double d, int precision) {
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String e = String.format(Locale.ROOT, "%02d", Math.abs(exponent));
            return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + e;
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
