package io.github.specpipeline.core.task;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads {@code project.build.outputTimestamp} the way Maven's reproducible-build support does: an ISO 8601
 * date-time with offset ({@code 2026-01-01T00:00:00Z}), or whole seconds since the epoch; empty, a single
 * character (Maven's "disabled" convention) or an uninterpolated {@code ${...}} means none.
 */
public final class OutputTimestamp {
    private OutputTimestamp() {}

    /**
     * @throws IllegalArgumentException when the text is neither form, with a message saying what is expected
     */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.length() <= 1 || t.contains("${")) {
            return Optional.empty();
        }
        if (t.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(t)));
            } catch (NumberFormatException e) {
                throw invalid(t);
            }
        }
        try {
            return Optional.of(OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException e) {
            throw invalid(t);
        }
    }

    private static IllegalArgumentException invalid(String t) {
        return new IllegalArgumentException("project.build.outputTimestamp '" + t
                + "' is not an ISO 8601 date-time with offset (e.g. 2026-01-01T00:00:00Z) nor seconds since the epoch");
    }
}
