package io.github.specpipeline.core.model;

/**
 * One entry of a model's {@code sources}: {@code raw.crm_customers} (a raw table) or {@code stg_customers}
 * (another model).
 *
 * @param text   as written in the spec
 * @param schema the schema part, or null for a bare model name
 * @param table  the table or model name; also the name the model's fragments use for it
 */
public record SourceRef(String text, String schema, String table) {
    public static SourceRef parse(String text) {
        int dot = text.lastIndexOf('.');
        if (dot < 0) {
            return new SourceRef(text, null, text);
        }
        return new SourceRef(text, text.substring(0, dot), text.substring(dot + 1));
    }

    public boolean isQualified() {
        return schema != null;
    }
}
