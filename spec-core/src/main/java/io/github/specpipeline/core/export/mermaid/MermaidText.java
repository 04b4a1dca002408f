package io.github.specpipeline.core.export.mermaid;

import io.github.specpipeline.core.validate.Identifiers;

/**
 * Escaping for text that goes into a Mermaid diagram. Labels are always written in double quotes, and every
 * character that could end the label, start Mermaid syntax, form HTML or be read as one of Mermaid's own entity
 * codes is written as a Mermaid entity code ({@code #quot;}, {@code #35;}, ...), which Mermaid turns back into
 * the character when it draws the label. So a label never contains a raw {@code "}, {@code #}, {@code ;},
 * {@code [ ] ( ) { }}, {@code |}, {@code < >}, {@code &}, {@code %}, {@code :}, a backtick or a line break. Line
 * breaks and other control characters become spaces; long text is cut (the full text is in the tables).
 *
 * <p>{@code :} is encoded too: Mermaid strips the last {@code ;} of any line matching {@code style.*:\S*#.*;}
 * before it decodes entity codes, which would break a label such as {@code style:a"b"}.
 *
 * <p>Node ids never come from free text: they are built from validated identifiers with a prefix per kind
 * ({@link #id}), and from an index when the name is not a valid identifier.
 */
public final class MermaidText {
    private MermaidText() {}

    /** {@code text} as the inside of a quoted label, cut to {@code max} characters (0 = no limit). */
    public static String label(String text, int max) {
        if (text == null) {
            return "";
        }
        String t = text;
        if (max > 0 && t.codePointCount(0, t.length()) > max) {
            int end = t.offsetByCodePoints(0, max - 1);
            t = t.substring(0, end) + "\u2026";
        }
        StringBuilder sb = new StringBuilder(t.length() + 16);
        boolean space = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == 0x85) {
                if (!space) {
                    sb.append(' ');
                    space = true;
                }
                continue;
            }
            space = false;
            switch (c) {
                case '"' -> sb.append("#quot;");
                case '#' -> sb.append("#35;");
                case ';' -> sb.append("#59;");
                case '&' -> sb.append("#amp;");
                case '<' -> sb.append("#lt;");
                case '>' -> sb.append("#gt;");
                case '[' -> sb.append("#91;");
                case ']' -> sb.append("#93;");
                case '(' -> sb.append("#40;");
                case ')' -> sb.append("#41;");
                case '{' -> sb.append("#123;");
                case '}' -> sb.append("#125;");
                case '|' -> sb.append("#124;");
                case '%' -> sb.append("#37;");
                case '`' -> sb.append("#96;");
                case '\\' -> sb.append("#92;");
                case '*' -> sb.append("#42;");
                case ':' -> sb.append("#58;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@code "label"}: a complete quoted label. */
    public static String quoted(String text, int max) {
        return "\"" + label(text, max) + "\"";
    }

    /**
     * A node id: {@code prefix_name} when {@code name} is a valid identifier, else {@code prefix + "x" + index}.
     * The two forms never collide: the first always has {@code _} right after the prefix, the second {@code x}.
     */
    public static String id(String prefix, String name, int index) {
        if (name != null && Identifiers.isValid(name)) {
            return prefix + "_" + name;
        }
        return prefix + "x" + index;
    }
}
