package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.io.OutputDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Test results as JUnit XML in Maven Surefire's format: one {@code TEST-<suite>.xml} per model, one
 * {@code <testcase>} per test, {@code <failure>} for a failed test and {@code <error>} for one that could not
 * run, with the message, the SQL and the failing rows or the diff. CI systems and {@code surefire-report} read
 * these. The files are the same on every run except for the measured times.
 */
public final class JUnitXmlWriter {
    /** The folder under the plugin's output directory. */
    public static final String DIRECTORY = "test-reports";

    private static final String SCHEMA =
            "https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.2.xsd";

    private JUnitXmlWriter() {}

    /** Writes one file per suite and removes the {@code TEST-*.xml} files of an earlier run that no suite wrote. */
    public static List<Path> write(TestResults results, OutputDirectory out) throws IOException {
        List<Path> files = new ArrayList<>();
        for (TestResults.Suite s : results.suites()) {
            files.add(out.writeString(DIRECTORY + "/TEST-" + s.name() + ".xml", xml(s)));
        }
        Path dir = out.resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith("TEST-")
                                && n.endsWith(".xml")
                                && Files.isRegularFile(p)
                                && !files.contains(p);
                    })
                    .toList()) {
                Files.delete(p);
            }
        }
        return files;
    }

    /** One suite as a Surefire report. */
    public static String xml(TestResults.Suite s) {
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"")
                .append(SCHEMA)
                .append("\" version=\"3.0.2\"")
                .append(" name=\"")
                .append(attr(s.name()))
                .append('"')
                .append(" time=\"")
                .append(seconds(s.nanos()))
                .append('"')
                .append(" tests=\"")
                .append(s.cases().size())
                .append('"')
                .append(" errors=\"")
                .append(s.count(TestResults.Status.ERROR))
                .append('"')
                .append(" skipped=\"")
                .append(s.count(TestResults.Status.SKIPPED))
                .append('"')
                .append(" failures=\"")
                .append(s.count(TestResults.Status.FAILED))
                .append("\">\n");
        b.append("  <properties>\n");
        b.append("    <property name=\"specpipeline.model\" value=\"")
                .append(attr(s.model()))
                .append("\"/>\n");
        b.append("  </properties>\n");
        for (TestResults.Case c : s.cases()) {
            b.append("  <testcase name=\"")
                    .append(attr(c.name()))
                    .append("\" classname=\"")
                    .append(attr(s.name()))
                    .append("\" time=\"")
                    .append(seconds(c.nanos()))
                    .append('"');
            switch (c.status()) {
                case PASSED -> b.append("/>\n");
                case SKIPPED ->
                    b.append(">\n    <skipped message=\"")
                            .append(attr(c.message()))
                            .append("\"/>\n  </testcase>\n");
                case FAILED, ERROR -> {
                    String tag = c.status() == TestResults.Status.FAILED ? "failure" : "error";
                    b.append(">\n    <")
                            .append(tag)
                            .append(" message=\"")
                            .append(attr(c.message()))
                            .append("\" type=\"")
                            .append(attr("spec-pipeline." + c.kind()))
                            .append("\">")
                            .append(text(body(c)))
                            .append("</")
                            .append(tag)
                            .append(">\n  </testcase>\n");
                }
            }
        }
        b.append("</testsuite>\n");
        return b.toString();
    }

    /** What a failure's body says: the test, the model, the message, the SQL and the rows or diff. */
    static String body(TestResults.Case c) {
        StringBuilder b = new StringBuilder();
        b.append("test: ").append(c.name()).append('\n');
        b.append("model: ")
                .append(c.model())
                .append(c.column() == null ? "" : ", column: " + c.column())
                .append('\n');
        if (c.description() != null) {
            b.append("checks: ").append(c.description()).append('\n');
        }
        if (c.pointer() != null && !c.pointer().isEmpty()) {
            b.append("declared at: ").append(c.pointer()).append('\n');
        }
        b.append(c.message()).append('\n');
        if (c.details() != null) {
            b.append('\n').append(c.details().stripTrailing()).append('\n');
        }
        if (c.sql() != null) {
            b.append("\nSQL:\n").append(c.sql().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    static String attr(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        clean(s).codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\n' -> b.append("&#10;");
                case '\r' -> b.append("&#13;");
                case '\t' -> b.append("&#9;");
                default -> b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length());
        clean(s).codePoints().forEach(cp -> {
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

    /** Drops what XML 1.0 cannot carry: control characters other than tab and line ends, lone surrogates, U+FFFE/F. */
    private static String clean(String s) {
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
