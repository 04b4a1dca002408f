package io.github.specpipeline.core.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The documentation site's diagnostics catalogue ({@code src/site/markdown/diagnostics.md} at the repository
 * root) must stay complete and true: one section per {@link DiagnosticCode} with the code's name, title and
 * fix as the code defines them, no section for a code that does not exist, and examples that are real: an
 * example quoted from a golden file ({@code cases/...}) must be a line of one of the golden files.
 */
class DiagnosticsCatalogueTest {
    static final Path PAGE = Path.of("../src/site/markdown/diagnostics.md");
    static final Path GOLDEN = Path.of("src/test/resources/validation/cases");
    static final Pattern HEADING = Pattern.compile("(?m)^### (SP\\d{3})\\s*$");

    static String page;
    static Map<String, String> sections;

    @BeforeAll
    static void readPage() throws IOException {
        page = Files.readString(PAGE, StandardCharsets.UTF_8);
        sections = new LinkedHashMap<>();
        Matcher m = HEADING.matcher(page);
        List<int[]> starts = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        while (m.find()) {
            starts.add(new int[] {m.start(), m.end()});
            codes.add(m.group(1));
        }
        for (int i = 0; i < codes.size(); i++) {
            int end = i + 1 < codes.size() ? starts.get(i + 1)[0] : page.length();
            String body = page.substring(starts.get(i)[1], end);
            int nextGroup = body.indexOf("\n## ");
            String previous = sections.put(codes.get(i), nextGroup < 0 ? body : body.substring(0, nextGroup));
            assertThat(previous)
                    .as("two sections for %s in %s", codes.get(i), PAGE)
                    .isNull();
        }
    }

    /** The page's Markdown escapes angle brackets so that they are not read as HTML. */
    static String markdown(String text) {
        return text.replace("<", "&lt;").replace(">", "&gt;");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DiagnosticCode.class)
    void everyCodeHasASectionWithItsNameTitleAndFix(DiagnosticCode code) {
        assertThat(sections)
                .as(
                        "DiagnosticCode %s is missing from the diagnostics catalogue %s: add a '### %s' section with its"
                                + " name, title, severity, an example message and the fix",
                        code, PAGE, code)
                .containsKey(code.id());
        String section = sections.get(code.id());
        assertThat(section)
                .as("name and title of %s", code)
                .contains("`" + code.slug() + "`: " + markdown(code.title()) + ".");
        assertThat(section).as("fix of %s", code).contains("**Fix:** " + markdown(code.fix()));
        assertThat(section).as("severity of %s", code).containsPattern("(?m)^Severity: (error|warning|info)");
        assertThat(page)
                .as("summary table row of %s", code)
                .contains("| [" + code.id() + "](#" + code.id() + ") | `" + code.slug() + "` | "
                        + markdown(code.title()) + " |");
    }

    @Test
    void theCatalogueHasNoSectionForAnUnknownCode() {
        Set<String> known =
                Arrays.stream(DiagnosticCode.values()).map(DiagnosticCode::id).collect(Collectors.toSet());
        assertThat(sections.keySet())
                .isNotEmpty()
                .allSatisfy(id -> assertThat(known).as("code on the page").contains(id));
    }

    @Test
    void sectionsAreInCodeOrder() {
        List<String> expected =
                Arrays.stream(DiagnosticCode.values()).map(DiagnosticCode::id).toList();
        assertThat(List.copyOf(sections.keySet())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DiagnosticCode.class)
    void examplesAreRealMessagesOfTheirCode(DiagnosticCode code) throws IOException {
        String section = sections.get(code.id());
        if (section == null) {
            return; // reported by everyCodeHasASectionWithItsNameTitleAndFix
        }
        List<String> examples = codeBlockLines(section);
        if (examples.isEmpty()) {
            assertThat(section)
                    .as("%s has no example, so its section must say it is not reported in this version", code)
                    .contains("Not reported by this version");
            return;
        }
        Set<String> golden = goldenLines();
        for (String example : examples) {
            assertThat(example)
                    .as("example of %s", code)
                    .satisfiesAnyOf(
                            e -> assertThat(e).contains(": error[" + code.id() + "] "),
                            e -> assertThat(e).contains(": warning[" + code.id() + "] "),
                            e -> assertThat(e).contains(": info[" + code.id() + "] "));
            if (example.startsWith("cases/")) {
                assertThat(golden)
                        .as("example of %s quoted from a golden file %s/*.expected.txt", code, GOLDEN)
                        .contains(example);
            } else {
                assertThat(section)
                        .as("%s's example is not from a golden file, so the page says where it is from", code)
                        .contains("Example from a run of the plugin");
            }
        }
    }

    private static List<String> codeBlockLines(String section) {
        List<String> lines = new ArrayList<>();
        boolean inBlock = false;
        for (String line : section.split("\n", -1)) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
            } else if (inBlock) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static Set<String> goldenLines() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            List<Path> expected = files.filter(p -> p.getFileName().toString().endsWith(".expected.txt"))
                    .sorted()
                    .toList();
            assertThat(expected).isNotEmpty();
            Set<String> lines = new java.util.HashSet<>();
            for (Path p : expected) {
                lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
            }
            return lines;
        }
    }
}
