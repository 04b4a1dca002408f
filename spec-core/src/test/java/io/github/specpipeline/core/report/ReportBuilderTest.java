package io.github.specpipeline.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.export.SpecReview;
import io.github.specpipeline.core.sql.ColumnRef;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages built from a small spec (hostile text in descriptions, SQL and values) and the test results of
 * {@code report/test-reports}. The golden files ({@code report/golden/*.txt}, a plain-text dump of each page) are
 * the reviewable specification of the content; {@code -Dgolden.update=true} rewrites them.
 */
class ReportBuilderTest {
    static final Path ROOT = Path.of("src/test/resources/report");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");
    static final String HOSTILE_DESCRIPTION = "Accounts <script>alert('owned')</script> & \"friends\" -- tiers mapped";
    static final Pattern SAFE_HREF = Pattern.compile("(#[a-z0-9-]+)|([A-Za-z0-9_.-]+/)*[A-Za-z0-9_.-]+(#[a-z0-9-]+)?");

    static List<ReportPage> mini() throws IOException {
        return build(ROOT.resolve("mini/spec.json"), TestReports.read(ROOT.resolve("test-reports")));
    }

    static List<ReportPage> build(Path spec, TestReports tests) {
        return build(spec, tests, ReportExtras.NONE);
    }

    static List<ReportPage> build(Path spec, TestReports tests, ReportExtras extras) {
        Path ddl = spec.resolveSibling("source_ddl");
        SpecInput input = new SpecInput(spec, Files.isDirectory(ddl) ? ddl : null, ROOT);
        Map<String, List<ColumnRef>> columns = new HashMap<>();
        SpecLoader.Result load =
                SpecLoader.load(input, (pointer, fragment) -> columns.put(pointer, fragment.columns()));
        return ReportBuilder.build(
                input.displayName(spec),
                load.diagnostics(),
                load.spec().map(v -> SpecReview.of(v, columns)),
                tests,
                extras);
    }

    @Test
    void pagesMatchTheirGoldenDumps() throws IOException {
        for (ReportPage page : mini()) {
            String name = page.path().replace('/', '_') + ".txt";
            Path golden = ROOT.resolve("golden/" + name);
            String actual = PageDump.dump(page);
            if (UPDATE) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
            }
            assertThat(actual).as(name).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        }
    }

    @Test
    void theOverviewComesFirstThenOnePagePerModelThenTheDiagnostics() throws IOException {
        assertThat(mini())
                .extracting(ReportPage::path)
                .containsExactly(
                        "spec-pipeline",
                        "spec-pipeline/model-stg_accounts",
                        "spec-pipeline/model-fact_payments",
                        "spec-pipeline/diagnostics");
    }

    @Test
    void theSameInputsGiveTheSamePages() throws IOException {
        assertThat(mini()).isEqualTo(mini());
    }

    @Test
    void everyLinkLeadsToAPageOfTheReportAnAssetOrAnAnchorOfItsPage() throws IOException {
        List<ReportPage> pages = mini();
        Set<String> files = new HashSet<>();
        pages.forEach(p -> files.add(p.fileName()));
        files.addAll(List.of(ReportLayout.MERMAID_SCRIPT, ReportLayout.INIT_SCRIPT, ReportLayout.STYLESHEET));
        int links = 0;
        for (ReportPage page : pages) {
            Set<String> ids = new HashSet<>();
            List<Inline.Link> pageLinks = new ArrayList<>();
            PageDump.walk(page.body(), ids, pageLinks);
            List<String> hrefs =
                    new ArrayList<>(pageLinks.stream().map(Inline.Link::href).toList());
            hrefs.addAll(page.scripts());
            hrefs.add(page.stylesheet());
            for (String href : hrefs) {
                links++;
                assertThat(href).as("link on %s", page.path()).matches(SAFE_HREF);
                String file = href.contains("#") ? href.substring(0, href.indexOf('#')) : href;
                String anchor = href.contains("#") ? href.substring(href.indexOf('#') + 1) : null;
                if (!file.isEmpty()) {
                    String target = resolve(page.path(), file);
                    assertThat(files).as("%s links to %s", page.path(), href).contains(target);
                    if (anchor != null) {
                        ReportPage to = pages.stream()
                                .filter(p -> p.fileName().equals(target))
                                .findFirst()
                                .orElseThrow();
                        Set<String> toIds = new HashSet<>();
                        PageDump.walk(to.body(), toIds, new ArrayList<>());
                        assertThat(toIds)
                                .as("%s links to %s", page.path(), href)
                                .contains(anchor);
                    }
                } else {
                    assertThat(ids).as("%s links to %s", page.path(), href).contains(anchor);
                }
            }
        }
        assertThat(links).isGreaterThan(20);
    }

    @Test
    void sectionIdsAreUniqueWithinAPage() throws IOException {
        for (ReportPage page : mini()) {
            List<String> ids = new ArrayList<>();
            PageDump.sectionIds(page.body(), ids);
            assertThat(ids).as(page.path()).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z0-9-]+"));
        }
    }

    @Test
    void specTextIsKeptAsPlainTextForTheRendererToEscapeAndNeverReachesADiagramOrALink() throws IOException {
        ReportPage accounts = mini().get(1);
        String dump = PageDump.dump(accounts);
        assertThat(dump)
                .contains(HOSTILE_DESCRIPTION)
                .contains("team <b>core</b>")
                .contains("email <> '</td></tr>'");
        List<String> diagrams = new ArrayList<>();
        PageDump.diagrams(accounts.body(), diagrams);
        assertThat(diagrams).hasSizeGreaterThanOrEqualTo(2);
        for (String d : diagrams) {
            // the export's Mermaid escaping: no markup but its own line breaks, no quote that could end a label
            assertThat(d.replace("<br/>", "")).doesNotContain("<", "script", "'owned'", "\"]-->x", "</td>");
        }
    }

    @Test
    void testResultsAppearOnTheOverviewAndOnTheModelPageWithTheirFailures() throws IOException {
        List<ReportPage> pages = mini();
        String overview = PageDump.dump(pages.get(0));
        assertThat(overview).contains("6 tests: 3 passed, 1 failed, 1 in error, 1 skipped");
        String accounts = PageDump.dump(pages.get(1));
        assertThat(accounts)
                .contains(
                        "| `unique__stg_accounts__account_id` | **failed** | account_id is unique: 2 failing rows <script> |")
                .contains("## Failures")
                .contains("<img src=x onerror=alert(1)>");
    }

    @Test
    void withoutTestResultsThePagesSayTheTestsWereNotRun() {
        List<ReportPage> pages = build(ROOT.resolve("mini/spec.json"), TestReports.NONE);
        assertThat(PageDump.dump(pages.get(0)))
                .contains("not run (no JUnit XML reports found)")
                .contains("No test results.");
        assertThat(PageDump.dump(pages.get(2))).contains("Not run: no JUnit XML reports were found");
    }

    @Test
    void aSpecWithErrorsStillGetsItsPagesAndTheErrorsAreShown(@TempDir Path dir) throws IOException {
        String spec = Files.readString(ROOT.resolve("mini/spec.json"), StandardCharsets.UTF_8)
                .replace("\"SUM(payments.amount)\"", "\"SUM(payments.no_such_column)\"");
        Path file = dir.resolve("spec.json");
        Files.writeString(file, spec, StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("source_ddl"));
        for (String ddl : List.of("accounts.sql", "payments.sql")) {
            Files.copy(ROOT.resolve("mini/source_ddl/" + ddl), dir.resolve("source_ddl/" + ddl));
        }
        List<ReportPage> pages = build(file, TestReports.NONE);
        assertThat(pages).hasSize(4);
        String overview = PageDump.dump(pages.get(0));
        assertThat(overview)
                .contains("**invalid: 1 error, 1 warning**")
                .contains("Errors:")
                .contains("no_such_column");
        // the model's own findings: the review's per-model validation table, which names no model
        assertThat(PageDump.dump(pages.get(2)))
                .contains("| Severity | Code | Location | Message | Hint |")
                .contains("no_such_column");
        assertThat(PageDump.dump(pages.get(3))).contains("error").contains("[fact_payments](model-fact_payments.html)");
    }

    @Test
    void aFindingLinksToItsModelEvenWhenAnEarlierModelEntryWasNotAnObject(@TempDir Path dir) throws IOException {
        String spec = Files.readString(ROOT.resolve("mini/spec.json"), StandardCharsets.UTF_8)
                .replace("\"models\": [", "\"models\": [42, ");
        Path file = dir.resolve("spec.json");
        Files.writeString(file, spec, StandardCharsets.UTF_8);
        List<ReportPage> pages = build(file, TestReports.NONE);
        String diagnostics = PageDump.dump(pages.get(pages.size() - 1));
        // the SP402 warning of stg_accounts, now at /models/1, links to stg_accounts; the bad entry links nowhere
        assertThat(diagnostics)
                .contains("| /models/1/column_mapping/2/tests | [stg_accounts](model-stg_accounts.html) |")
                .contains("| /models/0 |  |");
    }

    @Test
    void anUnreadableSpecGivesTheOverviewAndTheDiagnosticsOnly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("spec.json");
        Files.writeString(file, "{\"models\": [", StandardCharsets.UTF_8);
        List<ReportPage> pages = build(file, TestReports.NONE);
        assertThat(pages).extracting(ReportPage::path).containsExactly("spec-pipeline", "spec-pipeline/diagnostics");
        String overview = PageDump.dump(pages.get(0));
        assertThat(overview).contains("**not readable: 1 error, 0 warnings**").doesNotContain("## Pipeline");
        assertThat(pages.get(0).hasDiagrams()).isFalse();
        assertThat(pages.get(0).scripts()).isEmpty();
        assertThat(PageDump.dump(pages.get(1))).contains("SP003");
    }

    @Test
    void reviewFilesAndGeneratedCodeAreShownWhenGiven() {
        ReportExtras extras = new ReportExtras(
                List.of(
                        new ReportExtras.Download(
                                ReportLayout.DOWNLOADS + "/spec-review.xlsx", "spec-review.xlsx", "the workbook"),
                        new ReportExtras.Download(
                                ReportLayout.DOWNLOADS + "/csv/model_stg_accounts.csv",
                                "model_stg_accounts.csv",
                                "one model")),
                Map.of(
                        "stg_accounts",
                        List.of(new ReportExtras.CodeFile(
                                "duckdb", "models/stg_accounts.sql", "sql", "SELECT 1 -- </pre><script>"))),
                List.of());
        List<ReportPage> pages = build(ROOT.resolve("mini/spec.json"), TestReports.NONE, extras);
        assertThat(PageDump.dump(pages.get(0)))
                .contains("| [spec-review.xlsx](spec-pipeline/review/spec-review.xlsx) | the workbook |");
        String accounts = PageDump.dump(pages.get(1));
        assertThat(accounts)
                .contains("### duckdb")
                .contains("SELECT 1 -- </pre><script>")
                .contains("| Review file | [model_stg_accounts.csv](review/csv/model_stg_accounts.csv) |");
        assertThat(PageDump.dump(pages.get(2))).doesNotContain("Review file");
    }

    static String resolve(String fromPage, String href) {
        List<String> parts = new ArrayList<>(List.of(fromPage.split("/")));
        parts.remove(parts.size() - 1);
        for (String seg : href.split("/")) {
            if (seg.equals("..")) {
                parts.remove(parts.size() - 1);
            } else {
                parts.add(seg);
            }
        }
        return String.join("/", parts);
    }
}
