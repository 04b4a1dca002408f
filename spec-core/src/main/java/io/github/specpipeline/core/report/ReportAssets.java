package io.github.specpipeline.core.report;

import io.github.specpipeline.core.io.OutputDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The files every report page may load: Mermaid's browser bundle, copied from the Mermaid WebJar on the class
 * path (so the diagrams render offline, with no CDN), its licence, the report's start-up script and its style
 * sheet.
 */
public final class ReportAssets {
    private static final String WEBJAR = "META-INF/resources/webjars/mermaid/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars.npm/mermaid/pom.properties";
    /** Starts Mermaid once the page has loaded; strict security: no HTML labels, no click callbacks. */
    static final String INIT = "mermaid.initialize({ startOnLoad: true, securityLevel: 'strict' });\n";

    /** Scoped to the report's pages: long SQL wraps inside table cells, diagrams sit in a plain frame. */
    static final String CSS = """
            .spec-pipeline-report td { vertical-align: top; min-width: 4em; }
            .spec-pipeline-report td code { white-space: pre-wrap; overflow-wrap: break-word; }
            .spec-pipeline-report .spec-pipeline-table { overflow-x: auto; margin-bottom: 1em; }
            .spec-pipeline-report pre.mermaid { background: #fff; border: 1px solid #ddd; text-align: center; }
            .spec-pipeline-report pre.source { white-space: pre; overflow-x: auto; }
            """;

    private ReportAssets() {}

    /** The Mermaid version the WebJar on the class path carries. */
    public static String mermaidVersion() throws IOException {
        try (InputStream in = resource(WEBJAR_POM)) {
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version");
            if (version == null || !version.matches("[0-9A-Za-z.\\-]+")) {
                throw new IOException("the Mermaid WebJar's pom.properties has no usable version");
            }
            return version;
        }
    }

    /** Writes the assets under the site directory; returns the files written. */
    public static List<Path> write(OutputDirectory site) throws IOException {
        String base = WEBJAR + mermaidVersion() + "/";
        List<Path> out = new ArrayList<>();
        out.add(copy(site, base + "dist/mermaid.min.js", ReportLayout.MERMAID_SCRIPT));
        out.add(copy(site, base + "LICENSE", ReportLayout.FOLDER + "/assets/mermaid-LICENSE.txt"));
        out.add(site.writeString(ReportLayout.INIT_SCRIPT, INIT));
        out.add(site.writeString(ReportLayout.STYLESHEET, CSS));
        return out;
    }

    private static Path copy(OutputDirectory site, String resource, String target) throws IOException {
        return site.write(target, out -> {
            try (InputStream in = resource(resource)) {
                in.transferTo(out);
            }
        });
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ReportAssets.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("the Mermaid WebJar is not on the class path (missing " + name + ")");
        }
        return in;
    }
}
