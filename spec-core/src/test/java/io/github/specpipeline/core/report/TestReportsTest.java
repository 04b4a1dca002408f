package io.github.specpipeline.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.report.TestReports.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestReportsTest {
    static final Path FIXTURES = Path.of("src/test/resources/report/test-reports");

    @Test
    void readsSuitesCasesAndStatusesInFileOrder() throws IOException {
        TestReports reports = TestReports.read(FIXTURES);
        assertThat(reports.problems()).isEmpty();
        assertThat(reports.suites())
                .extracting(TestReports.Suite::file)
                .containsExactly("TEST-mart.fact_payments.xml", "TEST-staging.stg_accounts.xml");
        TestReports.Suite accounts = reports.of("stg_accounts").get(0);
        assertThat(accounts.name()).isEqualTo("staging.stg_accounts");
        assertThat(accounts.cases())
                .extracting(TestReports.Case::status)
                .containsExactly(Status.PASSED, Status.FAILED, Status.SKIPPED, Status.PASSED);
        TestReports.Case failed = accounts.cases().get(1);
        assertThat(failed.message()).isEqualTo("account_id is unique: 2 failing rows <script>");
        assertThat(failed.detail())
                .startsWith("test: unique__stg_accounts__account_id")
                .contains("<img src=x onerror=alert(1)>");
        assertThat(accounts.passed()).isFalse();
        assertThat(reports.total()).isEqualTo(6);
        assertThat(reports.count(Status.PASSED)).isEqualTo(3);
        assertThat(reports.count(Status.ERROR)).isEqualTo(1);
    }

    @Test
    void theModelIsThePropertyElseTheSuiteNameAfterItsLastDot() throws IOException {
        TestReports reports = TestReports.read(FIXTURES);
        assertThat(reports.suites())
                .extracting(TestReports.Suite::model)
                .containsExactly("fact_payments", "stg_accounts");
        assertThat(reports.of("fact_payments").get(0).cases().get(1).status()).isEqualTo(Status.ERROR);
    }

    @Test
    void noFolderMeansNoResults(@TempDir Path dir) throws IOException {
        assertThat(TestReports.read(dir.resolve("missing"))).isSameAs(TestReports.NONE);
        assertThat(TestReports.read(dir).isEmpty()).isTrue();
    }

    @Test
    void aDoctypeIsRefusedSoNoExternalEntityIsEverRead(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        Files.writeString(
                dir.resolve("TEST-evil.xml"),
                "<?xml version=\"1.0\"?>\n<!DOCTYPE t [<!ENTITY x SYSTEM \"" + secret.toUri()
                        + "\">]>\n<testsuite name=\"a.b\"><testcase name=\"&x;\"/></testsuite>\n",
                StandardCharsets.UTF_8);
        TestReports reports = TestReports.read(dir);
        assertThat(reports.suites()).isEmpty();
        assertThat(reports.problems())
                .singleElement()
                .asString()
                .startsWith("TEST-evil.xml: not a readable JUnit XML report")
                .doesNotContain("TOP-SECRET");
    }

    @Test
    void brokenAndForeignFilesAreProblemsNotFailures(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a-broken.xml"), "<testsuite name=\"x\"><testcase", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("b-other.xml"), "<project/>", StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve("c-many.xml"),
                "<testsuites><testsuite name=\"s.one\"><testcase name=\"t\"/></testsuite>"
                        + "<testsuite name=\"s.two\"/></testsuites>",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("notes.txt"), "not a report", StandardCharsets.UTF_8);
        TestReports reports = TestReports.read(dir);
        assertThat(reports.problems()).hasSize(2);
        assertThat(reports.problems().get(0)).startsWith("a-broken.xml: ");
        assertThat(reports.problems().get(1)).isEqualTo("b-other.xml: no <testsuite> element");
        assertThat(reports.suites()).extracting(TestReports.Suite::model).containsExactly("one", "two");
    }

    @Test
    void longFailureDetailsAreCut(@TempDir Path dir) throws IOException {
        String detail = "x".repeat(TestReports.MAX_DETAIL + 500);
        Files.writeString(
                dir.resolve("TEST-a.b.xml"),
                "<testsuite name=\"a.b\"><testcase name=\"t\"><failure message=\"m\">" + detail
                        + "</failure></testcase></testsuite>",
                StandardCharsets.UTF_8);
        TestReports.Case c = TestReports.read(dir).suites().get(0).cases().get(0);
        assertThat(c.detail()).hasSizeLessThan(TestReports.MAX_DETAIL + 100).endsWith("(cut; see the report file)");
    }
}
