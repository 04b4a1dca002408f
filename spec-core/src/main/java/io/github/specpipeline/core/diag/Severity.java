package io.github.specpipeline.core.diag;

/** How bad a diagnostic is. Errors fail the build; warnings fail it only with {@code failOnWarning}. */
public enum Severity {
    ERROR("error", "error"),
    WARNING("warning", "warning"),
    INFO("info", "note");

    private final String label;
    private final String sarifLevel;

    Severity(String label, String sarifLevel) {
        this.label = label;
        this.sarifLevel = sarifLevel;
    }

    /** The word printed in compiler-style output: {@code error}, {@code warning}, {@code info}. */
    public String label() {
        return label;
    }

    /** The SARIF 2.1.0 {@code level} value. */
    public String sarifLevel() {
        return sarifLevel;
    }
}
