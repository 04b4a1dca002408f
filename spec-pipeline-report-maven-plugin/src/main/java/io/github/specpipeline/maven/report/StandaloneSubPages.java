package io.github.specpipeline.maven.report;

import io.github.specpipeline.core.io.OutputDirectory;
import io.github.specpipeline.core.report.ReportPage;
import java.io.File;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.apache.maven.archiver.MavenArchiver;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.doxia.site.SiteModel;
import org.apache.maven.doxia.siterenderer.DocumentRenderingContext;
import org.apache.maven.doxia.siterenderer.RendererException;
import org.apache.maven.doxia.siterenderer.SiteRenderingContext;
import org.apache.maven.doxia.siterenderer.sink.SiteRendererSink;
import org.apache.maven.doxia.tools.SiteToolException;
import org.apache.maven.reporting.MavenReportException;

/**
 * Renders the report's sub-pages with the site's skin when the goal runs alone ({@code mvn spec-pipeline-report:report}).
 * maven-site-plugin hands a multi-page report a sink factory that does this; maven-reporting-impl 4.0.0's
 * standalone mode hands it none, so the skin context is built here the way maven-reporting-impl builds it for
 * the main page.
 */
final class StandaloneSubPages {
    private final ReportMojo mojo;
    private SiteRenderingContext context;

    StandaloneSubPages(ReportMojo mojo) {
        this.mojo = mojo;
    }

    void render(ReportPage page, File site) throws IOException, MavenReportException {
        SiteRenderingContext ctx = context();
        SiteRendererSink sink =
                new SiteRendererSink(new DocumentRenderingContext(site, page.path(), mojo.reportMojoInfo()));
        try {
            SinkPageRenderer.render(page, sink);
            new OutputDirectory(site.toPath()).write(page.fileName(), out -> {
                // the renderer closes the writer it is given: it gets one that only flushes, and the file itself is
                // closed (and moved into place) by OutputDirectory
                OutputStreamWriter writer = new OutputStreamWriter(out, mojo.encoding());
                try {
                    mojo.siteRenderer()
                            .mergeDocumentIntoSite(
                                    new FilterWriter(writer) {
                                        @Override
                                        public void close() throws IOException {
                                            flush();
                                        }
                                    },
                                    sink,
                                    ctx);
                } catch (RendererException e) {
                    throw new IOException(e.getMessage(), e);
                }
                writer.flush();
            });
        } finally {
            sink.close();
        }
    }

    private SiteRenderingContext context() throws MavenReportException {
        if (context != null) {
            return context;
        }
        try {
            SiteModel siteModel = mojo.siteTool()
                    .getSiteModel(
                            mojo.siteDirectory(),
                            mojo.locale(),
                            mojo.project(),
                            mojo.reactorProjects(),
                            mojo.repoSession(),
                            mojo.remoteRepositories());
            Map<String, Object> properties = new HashMap<>();
            properties.put("standalone", Boolean.TRUE);
            properties.put("project", mojo.project());
            properties.put(
                    "inputEncoding",
                    mojo.project().getProperties().getProperty("project.build.sourceEncoding", "UTF-8"));
            properties.put("outputEncoding", mojo.encoding());
            for (Map.Entry<Object, Object> e : mojo.project().getProperties().entrySet()) {
                properties.put((String) e.getKey(), e.getValue());
            }
            Artifact skin = mojo.siteTool()
                    .getSkinArtifactFromRepository(mojo.repoSession(), mojo.remoteRepositories(), siteModel.getSkin());
            SiteRenderingContext ctx = mojo.siteRenderer()
                    .createContextForSkin(
                            skin, properties, siteModel, mojo.project().getName(), mojo.locale());
            MavenArchiver.parseBuildOutputTimestamp(mojo.outputTimestamp())
                    .ifPresent(t -> ctx.setPublishDate(Date.from(t)));
            ctx.setRootDirectory(mojo.project().getBasedir());
            context = ctx;
            return ctx;
        } catch (SiteToolException | RendererException | IOException e) {
            throw new MavenReportException("spec-pipeline: cannot set up the site skin: " + e.getMessage(), e);
        }
    }
}
