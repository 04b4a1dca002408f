package io.github.specpipeline.core.testrun;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code test} goal's per-statement timeout, as the user writes it: whole seconds ({@code 60} or
 * {@code 60s}) or minutes ({@code 2m}); {@code 0} means no limit.
 */
public final class TestTimeout {
    /** The default: long enough for any test on seed data, short enough that a stuck statement does not hang CI. */
    public static final Duration DEFAULT = Duration.ofSeconds(60);

    private static final Pattern FORM = Pattern.compile("(\\d{1,7})\\s*([sm]?)");

    private TestTimeout() {}

    /**
     * The duration {@code text} stands for.
     *
     * @throws IllegalArgumentException with a message saying what is expected
     */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "specpipeline.testTimeout must be whole seconds or minutes, such as 60s, 2m"
                            + " or 0 for no limit, not '" + Values.visible(String.valueOf(text), 40) + "'");
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
    }

    /** Seconds of a duration as plain text: {@code 2}, {@code 120}, {@code 1.5}. */
    public static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis())
                .movePointLeft(3)
                .stripTrailingZeros()
                .toPlainString();
    }
}
