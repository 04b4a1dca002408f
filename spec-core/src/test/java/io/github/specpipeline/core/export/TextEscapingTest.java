package io.github.specpipeline.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.export.csv.CsvText;
import io.github.specpipeline.core.export.html.Html;
import io.github.specpipeline.core.export.mermaid.MermaidText;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The escaping rules of each format, on the values that break them. */
class TextEscapingTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"=1+2", "+SUM(A1)", "-2+3", "@SUM(A1)", "\t=x", "\r=x", "=HYPERLINK(\"http://x\")", "-", "+", "@"
            })
    void csvCellsThatASpreadsheetWouldEvaluateGetALeadingApostrophe(String value) {
        assertThat(CsvText.cell(value)).isEqualTo("'" + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-12.5", "+3", "-1e10", "42", " =not first", "a=b", "'quoted", ".5", "-.5"})
    void plainNumbersAndSafeTextStayAsTheyAre(String value) {
        assertThat(CsvText.cell(value)).isEqualTo(value);
    }

    @Test
    void nullIsAnEmptyCellNeverNone() {
        assertThat(CsvText.cell(null)).isEmpty();
        assertThat(CsvText.cell("")).isEmpty();
    }

    @Test
    void htmlEscapesMarkupQuotesAndForbiddenCharacters() {
        assertThat(Html.escape("<script>alert(\"x\")</script>&'"))
                .isEqualTo("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;");
        assertThat(Html.escape("a\u0000b\u0001c\u007fd\td\ne")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\td\ne");
        assertThat(Html.escape("emoji \uD83D\uDE00 ok")).isEqualTo("emoji \uD83D\uDE00 ok");
        assertThat(Html.escape("lone \uD83D surrogate <")).isEqualTo("lone \uFFFD surrogate &lt;");
        assertThat(Html.escape(null)).isEmpty();
    }

    private static final String HOSTILE =
            "end\"]; click x call alert(1) %%{init: {\"theme\":\"dark\"}}%% A-->B |pipe| [br] (par) "
                    + "{brace} #quot; #35; &amp; `code` <b>x</b>\nnew line\r\nstyle:a#quot;b; \\ * ;";

    @Test
    void mermaidLabelsHoldNoCharacterThatMermaidReadsAsSyntax() {
        String label = MermaidText.label(HOSTILE, 0);
        // only entity codes: '#' followed by a word and ';' - every other special character is gone
        String withoutEntities = label.replaceAll("#\\w+;", "");
        assertThat(withoutEntities).doesNotContainPattern("[\"#;\\[\\]{}()|<>&%`:\\\\*\\n\\r]");
    }

    @Test
    void mermaidDecodesTheLabelBackToTheTextWithLineBreaksAsSpaces() {
        String label = MermaidText.label(HOSTILE, 0);
        assertThat(decode(label)).isEqualTo(HOSTILE.replace("\r\n", " ").replace("\n", " "));
    }

    @Test
    void longMermaidLabelsAreCutWithoutSplittingACharacter() {
        String text = "\uD83D\uDE00".repeat(10);
        String label = MermaidText.label(text, 4);
        assertThat(label).isEqualTo("\uD83D\uDE00".repeat(3) + "\u2026");
    }

    @Test
    void mermaidIdsComeFromIdentifiersOrIndexes() {
        assertThat(MermaidText.id("m", "stg_orders", 3)).isEqualTo("m_stg_orders");
        assertThat(MermaidText.id("m", "../etc", 3)).isEqualTo("mx3");
        assertThat(MermaidText.id("m", "a b", 7)).isEqualTo("mx7");
    }

    /** Mermaid's entity decoding: {@code #name;} and {@code #123;} become the character. */
    static String decode(String label) {
        Matcher m = Pattern.compile("#(\\w+);").matcher(label);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String rep = switch (name) {
                case "quot" -> "\"";
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                default -> new String(Character.toChars(Integer.parseInt(name)));
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(rep));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
