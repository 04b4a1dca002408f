package io.github.specpipeline.core.report;

/** A run of text inside a paragraph, table cell or list item. Text is plain: renderers escape it. */
public sealed interface Inline {
    /** Plain text. */
    record Text(String text) implements Inline {}

    /** Text in a monospaced font: names, SQL fragments, values. */
    record Code(String text) implements Inline {}

    /** Emphasised text: a status word. */
    record Strong(String text) implements Inline {}

    /**
     * A link.
     *
     * @param href a relative URL made by {@link ReportLayout} (never spec text), or an in-page {@code #anchor}
     */
    record Link(String href, String text) implements Inline {}

    static Inline text(String text) {
        return new Text(text);
    }

    static Inline code(String text) {
        return new Code(text);
    }
}
