package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.escape.Xml;
import io.github.specpipeline.core.io.OutputDirectory;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

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
        return write(results, EngineName.DUCKDB.id(), out);
    }

    /**
     * As {@link #write(TestResults, OutputDirectory)}, each suite naming the engine its tests ran on (the
     * {@code specpipeline.engine} property).
     */
    public static List<Path> write(TestResults results, String engine, OutputDirectory out) throws IOException {
        List<Path> files = new ArrayList<>();
        for (TestResults.Suite s : results.suites()) {
            files.add(out.writeString(DIRECTORY + "/TEST-" + s.name() + ".xml", xml(s, engine)));
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

    /**
     * The JDK's own StAX writer (not whichever one the class path offers). It escapes attribute values itself
     * ({@code & < > "}); character data it is told to write as given, and {@link Xml#text} escapes it, because the
     * writer's escaping would leave a {@code \r} raw, which a reader turns into {@code \n}. In attribute values the
     * writer leaves {@code '}, line breaks and tabs raw: still well-formed, but a reader normalizes those breaks and
     * tabs to spaces, so a multi-line message reads as one line there (the element's text keeps it whole).
     */
    private static final XMLOutputFactory FACTORY = xmlOutputFactory();

    private static XMLOutputFactory xmlOutputFactory() {
        XMLOutputFactory factory = XMLOutputFactory.newDefaultFactory();
        factory.setProperty("escapeCharacters", false); // the JDK writer's switch for character data
        return factory;
    }

    /** One suite of a DuckDB run as a Surefire report. */
    public static String xml(TestResults.Suite s) {
        return xml(s, EngineName.DUCKDB.id());
    }

    /** One suite as a Surefire report; {@code engine} is the engine its tests ran on. */
    public static String xml(TestResults.Suite s, String engine) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuite");
            w.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
            w.writeAttribute("xsi:noNamespaceSchemaLocation", SCHEMA);
            w.writeAttribute("version", "3.0.2");
            w.writeAttribute("name", Xml.valid(s.name()));
            w.writeAttribute("time", seconds(s.nanos()));
            w.writeAttribute("tests", String.valueOf(s.cases().size()));
            w.writeAttribute("errors", String.valueOf(s.count(TestResults.Status.ERROR)));
            w.writeAttribute("skipped", String.valueOf(s.count(TestResults.Status.SKIPPED)));
            w.writeAttribute("failures", String.valueOf(s.count(TestResults.Status.FAILED)));
            w.writeCharacters("\n  ");
            w.writeStartElement("properties");
            w.writeCharacters("\n    ");
            w.writeEmptyElement("property");
            w.writeAttribute("name", "specpipeline.model");
            w.writeAttribute("value", Xml.valid(s.model()));
            w.writeCharacters("\n    ");
            w.writeEmptyElement("property");
            w.writeAttribute("name", "specpipeline.engine");
            w.writeAttribute("value", Xml.valid(engine));
            w.writeCharacters("\n  ");
            w.writeEndElement();
            w.writeCharacters("\n");
            for (TestResults.Case c : s.cases()) {
                testCase(w, s, c);
            }
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string cannot fail", e);
        }
        return out.toString();
    }

    private static void testCase(XMLStreamWriter w, TestResults.Suite s, TestResults.Case c) throws XMLStreamException {
        w.writeCharacters("  ");
        if (c.status() == TestResults.Status.PASSED) {
            w.writeEmptyElement("testcase");
        } else {
            w.writeStartElement("testcase");
        }
        w.writeAttribute("name", Xml.valid(c.name()));
        w.writeAttribute("classname", Xml.valid(s.name()));
        w.writeAttribute("time", seconds(c.nanos()));
        switch (c.status()) {
            case PASSED -> {}
            case SKIPPED -> {
                w.writeCharacters("\n    ");
                w.writeEmptyElement("skipped");
                w.writeAttribute("message", Xml.valid(c.message()));
                w.writeCharacters("\n  ");
                w.writeEndElement();
            }
            case FAILED, ERROR -> {
                w.writeCharacters("\n    ");
                w.writeStartElement(c.status() == TestResults.Status.FAILED ? "failure" : "error");
                w.writeAttribute("message", Xml.valid(c.message()));
                w.writeAttribute("type", Xml.valid("spec-pipeline." + c.kind()));
                w.writeCharacters(Xml.text(body(c)));
                w.writeEndElement();
                w.writeCharacters("\n  ");
                w.writeEndElement();
            }
        }
        w.writeCharacters("\n");
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
}
