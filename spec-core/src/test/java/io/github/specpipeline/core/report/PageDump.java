package io.github.specpipeline.core.report;

import java.util.List;
import java.util.Set;

/** A plain-text (Markdown-like) dump of a page, for golden files and assertions. Text is not escaped. */
final class PageDump {
    private PageDump() {}

    static String dump(ReportPage page) {
        StringBuilder sb = new StringBuilder("# ")
                .append(page.title())
                .append("  (")
                .append(page.fileName())
                .append(")\n");
        sb.append("scripts: ")
                .append(page.scripts())
                .append(", style: ")
                .append(page.stylesheet())
                .append("\n\n");
        blocks(page.body(), 2, sb);
        return sb.toString();
    }

    private static void blocks(List<Block> blocks, int level, StringBuilder sb) {
        for (Block b : blocks) {
            if (b instanceof Block.Section s) {
                sb.append("#".repeat(level))
                        .append(' ')
                        .append(s.title())
                        .append(" {#")
                        .append(s.id())
                        .append("}\n\n");
                blocks(s.body(), level + 1, sb);
            } else if (b instanceof Block.Paragraph p) {
                sb.append(inlines(p.content())).append("\n\n");
            } else if (b instanceof Block.Table t) {
                sb.append("| ").append(String.join(" | ", t.header())).append(" |\n");
                for (List<Block.Cell> row : t.rows()) {
                    sb.append('|');
                    for (Block.Cell c : row) {
                        sb.append(' ').append(inlines(c.content())).append(" |");
                    }
                    sb.append('\n');
                }
                sb.append('\n');
            } else if (b instanceof Block.ItemList l) {
                l.items().forEach(i -> sb.append("- ").append(inlines(i)).append('\n'));
                sb.append('\n');
            } else if (b instanceof Block.Diagram d) {
                sb.append("```mermaid (")
                        .append(d.caption())
                        .append(")\n")
                        .append(d.mermaid())
                        .append("```\n\n");
            } else if (b instanceof Block.Code c) {
                sb.append("```")
                        .append(c.language())
                        .append('\n')
                        .append(c.text())
                        .append("\n```\n\n");
            }
        }
    }

    private static String inlines(List<Inline> content) {
        StringBuilder sb = new StringBuilder();
        for (Inline i : content) {
            if (i instanceof Inline.Text t) {
                sb.append(t.text());
            } else if (i instanceof Inline.Code c) {
                sb.append('`').append(c.text()).append('`');
            } else if (i instanceof Inline.Strong s) {
                sb.append("**").append(s.text()).append("**");
            } else if (i instanceof Inline.Link l) {
                sb.append('[').append(l.text()).append("](").append(l.href()).append(')');
            }
        }
        return sb.toString();
    }

    static void walk(List<Block> blocks, Set<String> ids, List<Inline.Link> links) {
        for (Block b : blocks) {
            if (b instanceof Block.Section s) {
                ids.add(s.id());
                walk(s.body(), ids, links);
            } else if (b instanceof Block.Paragraph p) {
                collect(p.content(), links);
            } else if (b instanceof Block.Table t) {
                t.rows().forEach(r -> r.forEach(c -> collect(c.content(), links)));
            } else if (b instanceof Block.ItemList l) {
                l.items().forEach(i -> collect(i, links));
            }
        }
    }

    static void sectionIds(List<Block> blocks, List<String> ids) {
        for (Block b : blocks) {
            if (b instanceof Block.Section s) {
                ids.add(s.id());
                sectionIds(s.body(), ids);
            }
        }
    }

    static void diagrams(List<Block> blocks, List<String> out) {
        for (Block b : blocks) {
            if (b instanceof Block.Section s) {
                diagrams(s.body(), out);
            } else if (b instanceof Block.Diagram d) {
                out.add(d.mermaid());
            }
        }
    }

    private static void collect(List<Inline> content, List<Inline.Link> links) {
        content.stream()
                .filter(i -> i instanceof Inline.Link)
                .map(i -> (Inline.Link) i)
                .forEach(links::add);
    }
}
