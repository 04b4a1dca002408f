package io.github.specpipeline.core.generate;

import io.github.specpipeline.core.escape.QuotedString;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Escaping of untrusted spec text for each context generated code puts it in. Every writer goes through these:
 * a description may contain {@code *}{@code /}, {@code """}, quotes, newlines, {@code $}{@code {}, Jinja
 * delimiters or YAML-special characters, and must come out as inert text.
 */
public final class Text {
    private static final Pattern JINJA_OPENER = Pattern.compile("\\{[{%#]");

    private Text() {}

    /** Text for a line comment: line breaks and other control characters become spaces. */
    public static String commentLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(isBreakOrControl(c) ? ' ' : c);
        }
        return sb.toString().strip();
    }

    /** Text split into comment lines of at most {@code width} characters (words are not broken). */
    public static List<String> commentLines(String s, int width) {
        List<String> lines = new ArrayList<>();
        String text = commentLine(s).replaceAll(" +", " ");
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static boolean isBreakOrControl(char c) {
        return c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /**
     * Text that Jinja (dbt) prints as it is: every {@code {{}, {@code {%} and {@code {#} is written as a Jinja
     * expression that outputs those two characters.
     */
    public static String jinja(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = JINJA_OPENER.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement("{{ '" + m.group() + "' }}"));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** A Python string literal (double-quoted) holding exactly {@code s}. */
    public static String python(String s) {
        return QuotedString.PYTHON.of(s);
    }

    /**
     * A JavaScript string literal (double-quoted, JSON-compatible) holding exactly {@code s}; also safe inside
     * a template literal's {@code ${...}}.
     */
    public static String js(String s) {
        return QuotedString.JAVASCRIPT.of(s);
    }
}
