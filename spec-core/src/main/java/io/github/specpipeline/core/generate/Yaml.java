package io.github.specpipeline.core.generate;

import io.github.specpipeline.core.escape.QuotedString;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one YAML emitter of the generators (dbt's project, sources and schema files, Dataform's workflow settings),
 * written by hand: no YAML library writes today's files byte for byte (they mix block and flow style, carry
 * comments, and escape {@code \u2028} and controls as {@code \}{@code uXXXX} where SnakeYAML and Jackson write
 * {@code \L} and {@code \x01}). The layout (block keys and their indentation) is the generators' text; every value
 * that is not a fixed keyword goes through here. {@code GeneratedYamlTest} reads every generated file back with a
 * real YAML parser and compares the values with the spec's strings.
 */
public final class Yaml {
    private Yaml() {}

    /** A double-quoted scalar holding exactly {@code s}: never read as a number, a boolean, null or an indicator. */
    public static String string(String s) {
        return QuotedString.YAML.of(s);
    }

    /** A flow sequence of scalars already written ({@link #string}, or a plain keyword such as {@code null}). */
    public static String flowSequence(List<String> scalars) {
        return "[" + String.join(", ", scalars) + "]";
    }

    /** A flow sequence of strings, each {@link #string}. */
    public static String strings(List<String> values) {
        return flowSequence(values.stream().map(Yaml::string).collect(Collectors.toList()));
    }

    /** A flow mapping of entries already written as {@code key: value}. */
    public static String flowMapping(List<String> entries) {
        return "{" + String.join(", ", entries) + "}";
    }
}
