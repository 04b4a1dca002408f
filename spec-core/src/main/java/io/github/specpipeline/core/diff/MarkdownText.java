package io.github.specpipeline.core.diff;

/**
 * Spec text inside a Markdown table cell, safe: it cannot end the cell ({@code |}), the row (a line break) or
 * open markup (backticks, emphasis, links, HTML). GitHub renders what is left as the plain text it was.
 */
final class MarkdownText {
    private MarkdownText() {}

    static String cell(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\r' -> {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    sb.append("<br>");
                }
                case '\n', '\u2028', '\u2029', '\u0085' -> sb.append("<br>");
                case '|', '\\', '`', '*', '_', '[', ']', '#', '~', '!', '$' ->
                    sb.append('\\').append(c);
                default -> sb.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return sb.toString();
    }
}
