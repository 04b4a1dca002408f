package io.github.specpipeline.core.report;

import java.util.List;

/** A block of a report page. */
public sealed interface Block {
    /**
     * A titled section; sections nest.
     *
     * @param id an anchor id made of identifier characters and dashes, unique within the page
     */
    record Section(String id, String title, List<Block> body) implements Block {
        public Section {
            body = List.copyOf(body);
        }
    }

    record Paragraph(List<Inline> content) implements Block {
        public Paragraph {
            content = List.copyOf(content);
        }
    }

    /** A table; every row has as many cells as the header. */
    record Table(List<String> header, List<List<Cell>> rows) implements Block {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<Cell> row : rows) {
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException(
                            "row of " + row.size() + " cells under a header of " + header.size());
                }
            }
        }
    }

    /** A cell: one or more runs of text. */
    record Cell(List<Inline> content) {
        public Cell {
            content = List.copyOf(content);
        }

        public static Cell of(Inline... content) {
            return new Cell(List.of(content));
        }

        public static Cell text(String text) {
            return new Cell(text == null || text.isEmpty() ? List.of() : List.of(new Inline.Text(text)));
        }

        public static Cell code(String text) {
            return new Cell(text == null || text.isEmpty() ? List.of() : List.of(new Inline.Code(text)));
        }
    }

    /** A bulleted list. */
    record ItemList(List<List<Inline>> items) implements Block {
        public ItemList {
            items = items.stream().map(List::copyOf).toList();
        }
    }

    /**
     * A Mermaid diagram, rendered in the browser by the Mermaid script shipped with the report.
     *
     * @param mermaid the diagram source; renderers escape it as text (the browser hands Mermaid the unescaped text)
     * @param caption what it shows
     */
    record Diagram(String caption, String mermaid) implements Block {}

    /**
     * Preformatted source code: generated SQL, YAML, Python.
     *
     * @param language a hint for highlighting ({@code sql}, {@code python}, ...), may be empty
     */
    record Code(String language, String text) implements Block {}
}
