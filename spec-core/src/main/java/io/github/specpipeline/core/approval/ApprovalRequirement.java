package io.github.specpipeline.core.approval;

import java.util.Locale;

/** {@code specpipeline.requireApproval}: what {@code validate} does about models that are not approved as they are. */
public enum ApprovalRequirement {
    /** No check. */
    OFF,
    /** Each model changed, added or removed since approval is a warning. */
    WARN,
    /** Each is an error: the build fails. */
    FAIL;

    /**
     * The requirement as the property gives it; blank means the default: {@link #WARN} when the spec has an approval
     * file, {@link #OFF} otherwise.
     *
     * @throws IllegalArgumentException for another word, naming the three
     */
    public static ApprovalRequirement parse(String text, boolean approvalFileExists) {
        if (text == null || text.isBlank()) {
            return approvalFileExists ? WARN : OFF;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "off" -> OFF;
            case "warn" -> WARN;
            case "fail" -> FAIL;
            default ->
                throw new IllegalArgumentException(
                        "specpipeline.requireApproval must be off, warn or fail, not '" + text.trim() + "'");
        };
    }
}
