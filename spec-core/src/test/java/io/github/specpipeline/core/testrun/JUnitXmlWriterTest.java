package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class JUnitXmlWriterTest {
    static final Path GOLDEN = Path.of("src/test/resources/testing/golden");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TempDir
    Path dir;

    /** Times are the only part that changes between runs. */
    static String withoutTimes(String xml) {
        return xml.replaceAll("time=\"\\d+\\.\\d{3}\"", "time=\"0.000\"");
    }

    @Test
    void reportsOfAFailingRunMatchTheGoldenFilesApartFromTimes() throws IOException {
        MiniProject p = new MiniProject(dir).withCleanSeeds();
        p.seed("customers", MiniProject.CUSTOMERS + "2,bob@example.com,churned,2024-02-01T00:00:00Z\n");
        p.seed("orders", MiniProject.ORDERS + "13,99,-1,2024-01-01\n");
        MiniProject.Run run = p.run();
        assertThat(run.result().reports()).hasSize(2);
        for (Path report : run.result().reports()) {
            String actual = withoutTimes(Files.readString(report));
            Path golden = GOLDEN.resolve(report.getFileName());
            if (UPDATE) {
                Files.createDirectories(GOLDEN);
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
            }
            assertThat(actual).as(report.getFileName().toString()).isEqualTo(Files.readString(golden));
        }
        // a second run writes the same bytes apart from the times
        String first = withoutTimes(Files.readString(run.result().reports().get(1)));
        MiniProject.Run again = p.run();
        assertThat(withoutTimes(Files.readString(again.result().reports().get(1))))
                .isEqualTo(first);
    }

    @Test
    void reportsFromAnEarlierRunAreReplaced() throws IOException {
        Path reports = dir.resolve("target/spec-pipeline/test-reports");
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("TEST-staging.old_model.xml"), "<testsuite/>");
        Files.writeString(reports.resolve("notes.txt"), "kept");
        new MiniProject(dir).withCleanSeeds().run();
        try (var files = Files.list(reports)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactly("TEST-analytics.fact_orders.xml", "TEST-staging.stg_customers.xml", "notes.txt");
        }
    }

    @Test
    void hostileTextStaysWellFormedXml() throws Exception {
        String hostile = "<script>alert('x')</script> & \"quotes\" \u0001\u0000 ]]> \uD800 line\nbreak";
        TestResults.Case failed = new TestResults.Case(
                "expression__m__c",
                "m",
                "expression",
                "c",
                hostile,
                "/models/0",
                TestResults.Status.FAILED,
                1_500_000,
                hostile,
                "SELECT '" + hostile + "'",
                hostile);
        TestResults.Case error = new TestResults.Case(
                "build__m",
                "m",
                "build",
                null,
                "build m",
                "/models/0",
                TestResults.Status.ERROR,
                0,
                "could not be built: " + hostile,
                "CREATE TABLE x",
                null);
        TestResults.Case skipped = new TestResults.Case(
                "unique__m__c",
                "m",
                "unique",
                "c",
                "c is unique",
                "/models/0",
                TestResults.Status.SKIPPED,
                0,
                "not run: " + hostile,
                null,
                null);
        TestResults.Case passed = new TestResults.Case(
                "not_null__m__c",
                "m",
                "not_null",
                "c",
                "c",
                "/models/0",
                TestResults.Status.PASSED,
                2_000_000,
                null,
                "SELECT 1",
                null);
        TestResults.Suite suite = new TestResults.Suite(
                "m", "staging.m", 3_000_000, "could not be built", List.of(error, failed, skipped, passed));
        String xml = JUnitXmlWriter.xml(suite);
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuite");
        assertThat(Map.of(
                        "name",
                        root.getAttribute("name"),
                        "tests",
                        root.getAttribute("tests"),
                        "failures",
                        root.getAttribute("failures"),
                        "errors",
                        root.getAttribute("errors"),
                        "skipped",
                        root.getAttribute("skipped"),
                        "time",
                        root.getAttribute("time")))
                .isEqualTo(Map.of(
                        "name",
                        "staging.m",
                        "tests",
                        "4",
                        "failures",
                        "1",
                        "errors",
                        "1",
                        "skipped",
                        "1",
                        "time",
                        "0.007"));
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message"))
                .startsWith("<script>alert('x')</script> & \"quotes\" \uFFFD\uFFFD ]]>")
                .endsWith("line break"); // attribute-value normalization: the element's text keeps the break
        assertThat(xml).contains("line\nbreak\" type=\"spec-pipeline.expression\"");
        assertThat(failure.getTextContent())
                .contains("line\nbreak\n")
                .contains("test: expression__m__c\nmodel: m, column: c\n")
                .contains("SQL:\nSELECT '<script>");
        assertThat(doc.getElementsByTagName("error").getLength()).isEqualTo(1);
        assertThat(((Element) doc.getElementsByTagName("skipped").item(0)).getAttribute("message"))
                .startsWith("not run: <script>");
        assertThat(((Element) doc.getElementsByTagName("testcase").item(3)).getAttribute("time"))
                .isEqualTo("0.002");
    }
}
