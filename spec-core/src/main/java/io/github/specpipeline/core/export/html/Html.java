package io.github.specpipeline.core.export.html;

/**
 * HTML escaping for text content and attribute values: {@code & < > " '} become character references, and
 * characters HTML does not allow in a document (C0 controls other than tab, line feed and carriage return, DEL
 * and the C1 controls, and unpaired surrogates) become U+FFFD, so spec text can never open a tag, close an
 * attribute or smuggle markup.
 */
public final class Html {
    private Html() {}

    /** {@code text} escaped for use between tags or inside a double- or single-quoted attribute. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep == null && !allowed(text, i, c)) {
                rep = "\uFFFD";
            }
            if (rep == null && Character.isHighSurrogate(c)) {
                if (sb != null) {
                    sb.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (rep != null) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16);
                    sb.append(text, 0, i);
                }
                sb.append(rep);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    private static boolean allowed(String text, int i, char c) {
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r';
        }
        if (c >= 0x7f && c <= 0x9f) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return false;
        }
        return c != '\uFFFE' && c != '\uFFFF';
    }
}
