package io.github.specpipeline.core.export.mermaid;

/**
 * One Mermaid diagram.
 *
 * @param name  its file name under {@code mermaid/}, e.g. {@code pipeline.mmd}, {@code model_stg_orders.flow-2.mmd}
 * @param title what it shows, for headings (plain text, not escaped)
 * @param text  the Mermaid source, ending with a line break
 * @param edges how many edges it draws (Mermaid's default limit is 500)
 */
public record Diagram(String name, String title, String text, int edges) {}
