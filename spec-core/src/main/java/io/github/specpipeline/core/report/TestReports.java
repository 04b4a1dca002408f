package io.github.specpipeline.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The results of the last {@code test} goal run, read back from the JUnit XML files it wrote
 * ({@code <outputDirectory>/test-reports/*.xml}, one {@code <testsuite>} per model, the model named by the
 * {@code specpipeline.model} property). Files are read as untrusted input: no DTD, no external entities, a size
 * limit; a file that cannot be read is reported as a problem, never an exception.
 *
 * @param suites   the suites found, sorted by file name
 * @param problems one line per file that could not be read
 */
public record TestReports(List<Suite> suites, List<String> problems) {
    /** The folder under the plugin's output directory the {@code test} goal writes to. */
    public static final String FOLDER = "test-reports";
    /** Bigger files are skipped. */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    /** Failure details longer than this are cut. */
    static final int MAX_DETAIL = 8_000;

    public static final TestReports NONE = new TestReports(List.of(), List.of());

    public TestReports {
        suites = List.copyOf(suites);
        problems = List.copyOf(problems);
    }

    /** How a test case ended. */
    public enum Status {
        PASSED("passed"),
        FAILED("failed"),
        ERROR("error"),
        SKIPPED("skipped");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One test case.
     *
     * @param message the failure, error or skip message; empty when passed
     * @param detail  the failure's text (failing rows, SQL), cut to a few thousand characters; may be empty
     */
    public record Case(String name, Status status, String message, String detail) {}

    /**
     * One {@code <testsuite>}.
     *
     * @param file  the report's file name
     * @param model the model it tests: the {@code specpipeline.model} property, else the part of the suite name
     *              after its last dot
     */
    public record Suite(String file, String name, String model, List<Case> cases) {
        public Suite {
            cases = List.copyOf(cases);
        }

        public long count(Status status) {
            return cases.stream().filter(c -> c.status() == status).count();
        }

        /** Whether no case failed or erred. */
        public boolean passed() {
            return count(Status.FAILED) == 0 && count(Status.ERROR) == 0;
        }
    }

    public boolean isEmpty() {
        return suites.isEmpty() && problems.isEmpty();
    }

    /** The suites of a model, in file order. */
    public List<Suite> of(String model) {
        return suites.stream().filter(s -> s.model().equals(model)).toList();
    }

    public long count(Status status) {
        return suites.stream().mapToLong(s -> s.count(status)).sum();
    }

    public long total() {
        return suites.stream().mapToLong(s -> s.cases().size()).sum();
    }

    /** Reads every {@code *.xml} file of {@code folder}; {@link #NONE} when the folder does not exist. */
    public static TestReports read(Path folder) throws IOException {
        if (folder == null || !Files.isDirectory(folder)) {
            return NONE;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".xml") && Files.isRegularFile(p))
                    .sorted((a, b) ->
                            a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        }
        List<Suite> suites = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            try {
                if (Files.size(file) > MAX_FILE_BYTES) {
                    problems.add(name + ": larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB, not read");
                    continue;
                }
                Document doc;
                try (InputStream in = Files.newInputStream(file)) {
                    doc = builder().parse(in);
                }
                List<Element> suiteElements = suites(doc.getDocumentElement());
                if (suiteElements.isEmpty()) {
                    problems.add(name + ": no <testsuite> element");
                }
                for (Element s : suiteElements) {
                    suites.add(suite(name, s));
                }
            } catch (SAXException | IOException e) {
                problems.add(name + ": not a readable JUnit XML report (" + oneLine(e.getMessage()) + ")");
            }
        }
        return new TestReports(suites, problems);
    }

    private static DocumentBuilder builder() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.ErrorHandler() {
                public void warning(org.xml.sax.SAXParseException e) {}

                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }

                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IOException("no secure XML parser available: " + e.getMessage(), e);
        }
    }

    private static List<Element> suites(Element root) {
        if (root.getTagName().equals("testsuite")) {
            return List.of(root);
        }
        if (root.getTagName().equals("testsuites")) {
            return children(root, "testsuite");
        }
        return List.of();
    }

    private static Suite suite(String file, Element s) {
        String name = s.getAttribute("name");
        String model = null;
        for (Element props : children(s, "properties")) {
            for (Element p : children(props, "property")) {
                if (p.getAttribute("name").equals("specpipeline.model")) {
                    model = p.getAttribute("value");
                }
            }
        }
        if (model == null || model.isEmpty()) {
            model = name.substring(name.lastIndexOf('.') + 1);
        }
        List<Case> cases = new ArrayList<>();
        for (Element c : children(s, "testcase")) {
            cases.add(testCase(c));
        }
        return new Suite(file, name, model, cases);
    }

    private static Case testCase(Element c) {
        for (String[] kind : new String[][] {{"error", "ERROR"}, {"failure", "FAILED"}, {"skipped", "SKIPPED"}}) {
            List<Element> found = children(c, kind[0]);
            if (!found.isEmpty()) {
                Element e = found.get(0);
                String detail =
                        e.getTextContent() == null ? "" : e.getTextContent().strip();
                if (detail.length() > MAX_DETAIL) {
                    detail = detail.substring(0, MAX_DETAIL) + "\n... (cut; see the report file)";
                }
                return new Case(c.getAttribute("name"), Status.valueOf(kind[1]), e.getAttribute("message"), detail);
            }
        }
        return new Case(c.getAttribute("name"), Status.PASSED, "", "");
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String oneLine(String message) {
        return message == null ? "parse error" : message.replaceAll("\\s+", " ").strip();
    }
}
