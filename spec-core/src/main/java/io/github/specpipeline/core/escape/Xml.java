package io.github.specpipeline.core.escape;

/**
 * XML 1.0 escaping of untrusted text: character data keeps {@code \r} as a reference, since a reader turns a raw
 * one into {@code \n}; what XML 1.0 cannot carry at all (control characters other than tab and line ends, lone
 * surrogates, U+FFFE and U+FFFF) becomes U+FFFD.
 */
public final class Xml {
    private Xml() {}

    /** {@code s} for character data between tags. */
    public static String text(String s) {
        StringBuilder b = new StringBuilder(s.length());
        valid(s).codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\r' -> b.append("&#13;");
                default -> b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    /**
     * {@code s} without what XML 1.0 cannot carry, each such char replaced by U+FFFD; null is the empty string. For
     * a writer that escapes markup itself, as {@code XMLStreamWriter} does in attribute values.
     */
    public static String valid(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)
                    || c == 0xFFFE
                    || c == 0xFFFF
                    || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                b.append('\uFFFD');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
