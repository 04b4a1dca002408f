package io.github.specpipeline.core.validate;

import java.util.Locale;
import java.util.Set;

/**
 * What a name must look like. Names end up as SQL identifiers, file names and diagram node ids, so the
 * rule is the portable subset of all three: ASCII letters, digits and underscores, not starting with a digit.
 */
public final class Identifiers {
    public static final int MAX_LENGTH = 128;
    /** Names Windows refuses as file names, whatever the extension. */
    private static final Set<String> DEVICE_NAMES = Set.of(
            "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1",
            "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    private Identifiers() {}

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) { // [A-Za-z_][A-Za-z0-9_]*, without a regex: runs for every name
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** Valid, and also usable as a file name on every platform. */
    public static boolean isSafeFileName(String name) {
        return isValid(name) && !DEVICE_NAMES.contains(name.toLowerCase(Locale.ROOT));
    }
}
