package io.github.specpipeline.maven.report;

import io.github.specpipeline.core.report.Block;
import io.github.specpipeline.core.report.Inline;
import io.github.specpipeline.core.report.ReportPage;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.doxia.sink.SinkEventAttributes;
import org.apache.maven.doxia.sink.impl.SinkEventAttributeSet;

/**
 * Writes a core {@link ReportPage} through a Doxia sink, so the page gets the site's skin and menus. All page
 * text goes through {@link Sink#text}, which escapes it; the only raw markup is the script tags, whose URLs
 * come from the report layout and are checked to be plain relative paths.
 */
final class SinkPageRenderer {
    private static final Pattern SAFE_URL = Pattern.compile("[A-Za-z0-9_./-]+");
    private static final int MAX_LEVEL = 6;

    private SinkPageRenderer() {}

    static void render(ReportPage page, Sink sink) {
        sink.head();
        sink.title();
        sink.text(page.title());
        sink.title_();
        sink.head_();
        sink.body();
        String css = page.stylesheet();
        if (!SAFE_URL.matcher(css).matches()) {
            throw new IllegalStateException("unexpected style sheet URL " + css);
        }
        sink.rawText("<link rel=\"stylesheet\" href=\"" + css + "\">");
        SinkEventAttributeSet wrapper = new SinkEventAttributeSet();
        wrapper.addAttribute(SinkEventAttributes.CLASS, "spec-pipeline-report");
        sink.division(wrapper);
        sink.section(1, null);
        sink.sectionTitle(1, null);
        sink.text(page.title());
        sink.sectionTitle_(1);
        blocks(page.body(), 2, sink);
        sink.section_(1);
        sink.division_();
        for (String src : page.scripts()) {
            if (!SAFE_URL.matcher(src).matches()) {
                throw new IllegalStateException("unexpected script URL " + src);
            }
            sink.rawText("<script src=\"" + src + "\"></script>");
        }
        sink.body_();
        sink.flush();
    }

    private static void blocks(List<Block> blocks, int level, Sink sink) {
        for (Block b : blocks) {
            block(b, level, sink);
        }
    }

    private static void block(Block b, int level, Sink sink) {
        if (b instanceof Block.Section s) {
            int l = Math.min(level, MAX_LEVEL);
            SinkEventAttributeSet id = new SinkEventAttributeSet();
            id.addAttribute(SinkEventAttributes.ID, s.id());
            sink.section(l, null);
            sink.sectionTitle(l, id);
            sink.text(s.title());
            sink.sectionTitle_(l);
            blocks(s.body(), level + 1, sink);
            sink.section_(l);
        } else if (b instanceof Block.Paragraph p) {
            sink.paragraph();
            inlines(p.content(), sink);
            sink.paragraph_();
        } else if (b instanceof Block.Table t) {
            table(t, sink);
        } else if (b instanceof Block.ItemList list) {
            sink.list();
            for (List<Inline> item : list.items()) {
                sink.listItem();
                inlines(item, sink);
                sink.listItem_();
            }
            sink.list_();
        } else if (b instanceof Block.Diagram d) {
            SinkEventAttributeSet figure = new SinkEventAttributeSet();
            figure.addAttribute(SinkEventAttributes.CLASS, "spec-pipeline-diagram");
            sink.division(figure);
            SinkEventAttributeSet pre = new SinkEventAttributeSet();
            pre.addAttribute(SinkEventAttributes.CLASS, "mermaid");
            sink.verbatim(pre);
            sink.text(d.mermaid());
            sink.verbatim_();
            sink.paragraph();
            sink.inline(SinkEventAttributeSet.Semantics.EMPHASIS);
            sink.text(d.caption());
            sink.inline_();
            sink.paragraph_();
            sink.division_();
        } else if (b instanceof Block.Code c) {
            sink.verbatim(SinkEventAttributeSet.SOURCE);
            sink.text(c.text());
            sink.verbatim_();
        } else {
            throw new IllegalArgumentException("unknown block " + b);
        }
    }

    private static void table(Block.Table t, Sink sink) {
        SinkEventAttributeSet scroll = new SinkEventAttributeSet();
        scroll.addAttribute(SinkEventAttributes.CLASS, "spec-pipeline-table");
        sink.division(scroll);
        sink.table();
        sink.tableRows(null, false);
        sink.tableRow();
        for (String h : t.header()) {
            sink.tableHeaderCell();
            sink.text(h);
            sink.tableHeaderCell_();
        }
        sink.tableRow_();
        for (List<Block.Cell> row : t.rows()) {
            sink.tableRow();
            for (Block.Cell cell : row) {
                sink.tableCell();
                inlines(cell.content(), sink);
                sink.tableCell_();
            }
            sink.tableRow_();
        }
        sink.tableRows_();
        sink.table_();
        sink.division_();
    }

    private static void inlines(List<Inline> content, Sink sink) {
        for (Inline i : content) {
            if (i instanceof Inline.Text t) {
                sink.text(t.text());
            } else if (i instanceof Inline.Code c) {
                sink.inline(SinkEventAttributeSet.Semantics.CODE);
                sink.text(c.text());
                sink.inline_();
            } else if (i instanceof Inline.Strong s) {
                sink.inline(SinkEventAttributeSet.Semantics.STRONG);
                sink.text(s.text());
                sink.inline_();
            } else if (i instanceof Inline.Link l) {
                sink.link(l.href());
                sink.text(l.text());
                sink.link_();
            }
        }
    }
}
