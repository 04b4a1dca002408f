package io.github.specpipeline.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.ddl.DdlProblem;
import io.github.specpipeline.core.ddl.DdlReadResult;
import io.github.specpipeline.core.ddl.SourceCatalog;
import io.github.specpipeline.core.ddl.SourceDdlReader;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Diagnostics;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.generate.TranslationCheck;
import io.github.specpipeline.core.json.JsonDocument;
import io.github.specpipeline.core.json.LocatedJsonReader;
import io.github.specpipeline.core.json.Location;
import io.github.specpipeline.core.json.Reporter;
import io.github.specpipeline.core.model.Spec;
import io.github.specpipeline.core.parse.SpecBinder;
import io.github.specpipeline.core.validate.SpecValidator;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SpecLoader} streams the models and locates diagnostics in a second pass; every diagnostic must be the
 * one the straightforward way gives: the whole tree, a source map of every node, then bind and validate.
 */
class StreamedLoadingTest {
    static final Path VALIDATION = Path.of("src/test/resources/validation");

    @TempDir
    Path dir;

    /** The whole-tree way, as loading worked before it streamed. */
    static List<Diagnostic> wholeTree(SpecInput input) {
        Diagnostics sink = new Diagnostics();
        String file = input.displayName(input.specFile());
        Reporter early = new Reporter(file, null, sink);
        Optional<JsonDocument> doc = new LocatedJsonReader((severity, code, location, pointer, message, hint) ->
                        early.at(severity, code, location, pointer, message, hint))
                .read(input.specFile());
        SourceCatalog catalog = null;
        if (input.sourceDdl() != null) {
            DdlReadResult ddl = SourceDdlReader.read(input.sourceDdl());
            for (DdlProblem p : ddl.problems()) {
                String shown = p.file() == null ? input.displayName(input.sourceDdl()) : input.displayName(p.file());
                sink.add(new Diagnostic(
                        Severity.ERROR,
                        DiagnosticCode.SP007,
                        p.message(),
                        shown,
                        p.line(),
                        p.column(),
                        "",
                        DiagnosticCode.SP007.fix()));
            }
            catalog = ddl.catalog();
        }
        if (doc.isEmpty()) {
            return sink.sorted();
        }
        Reporter reporter = new Reporter(file, doc.get().sourceMap(), sink);
        Optional<Spec> spec = new SpecBinder(reporter).bind(doc.get().root());
        if (spec.isEmpty()) {
            return sink.sorted();
        }
        ValidatedSpec validated = SpecValidator.validate(spec.get(), catalog, reporter);
        TranslationCheck.check(validated, EnumSet.allOf(Target.class), reporter);
        return sink.sorted();
    }

    static Stream<Path> goldenCases() throws IOException {
        try (Stream<Path> files = Files.list(VALIDATION.resolve("cases"))) {
            List<Path> all = new ArrayList<>(
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList());
            all.add(VALIDATION.resolve("valid.json"));
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void everyGoldenCaseIsReportedAsTheWholeTreeReportsIt(Path spec) {
        SpecInput input = new SpecInput(spec, VALIDATION.resolve("ddl"), VALIDATION);
        assertThat(SpecLoader.load(input).diagnostics()).isEqualTo(wholeTree(input));
    }

    static Stream<String> edgeCases() {
        String good = "{\"name\": \"m\", \"layer\": \"staging\", \"sources\": [\"raw.t\"], \"column_mapping\": "
                + "[{\"target_column\": \"a\", \"from_table\": \"t\", \"from_column\": \"a\", \"type\": \"INT64\"}]}";
        String bad = "{\"name\": \"x y\", \"layer\": \"stagin\", \"sources\": [\"raw.t\", 3], \"colour\": 1,\n"
                + "  \"column_mapping\": [{\"target_column\": \"a\", \"from_table\": \"u\", \"from_column\": \"a\",\n"
                + "    \"tests\": [\"nul\", {\"accepted_values\": {\"values\": [1, {}]}}], \"a/b~c\": 2}]}";
        return Stream.of(
                "{\"models\": [" + bad + "],\n \"models\": {\"a\": 1}}",
                "{\"models\": {\"a\": 1},\n \"models\": [" + bad + "]}",
                "{\"models\": [" + bad + "],\n \"models\": [" + good + "]}",
                "{\"models\": [" + good + "],\n \"models\": [" + bad + "], \"extra\": true}",
                "{\"models\": [" + bad + ",\n " + good + " \"oops\"]}",
                "{\"models\": [" + bad + ",\n " + good + "]",
                "{\"models\": [1, \"two\", null, [], " + bad + "]}",
                "\uFEFF{\"models\": [" + bad + "]}",
                "{\"models\": [{\"name\": \"m\", \"name\": \"n\", \"sources\": [\"raw.t\"]}]}",
                "{\"models\": null, \"schema\": {\"raw_schema\": \"r r\"}}",
                "{\"schema\": [], \"version\": 7}",
                "[" + bad + "]",
                "42",
                "{\"models\": []} []",
                "{\"models\": [" + bad + "]}\n\n\n",
                "{\n\t\"models\": [\n\t\t" + bad.replace("\"x y\"", "\"ü ö\"") + "]}");
    }

    @ParameterizedTest
    @MethodSource("edgeCases")
    void edgeCasesAreReportedAsTheWholeTreeReportsThem(String text) throws IOException {
        Path spec = Files.writeString(dir.resolve("spec.json"), text, StandardCharsets.UTF_8);
        SpecInput input = new SpecInput(spec, null, dir);
        List<Diagnostic> streamed = SpecLoader.load(input).diagnostics();
        assertThat(streamed).isNotEmpty().isEqualTo(wholeTree(input));
    }

    @Test
    void aFileThatChangesBetweenTheTwoReadsIsReportedNotMislocated() throws IOException {
        Path spec = Files.writeString(dir.resolve("spec.json"), "{\"models\": [{\"nme\": 1}]}", StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        LocatedJsonReader reader = new LocatedJsonReader((severity, code, location, pointer, message, hint) ->
                problems.add(code + "@" + location.line() + ":" + location.column() + " " + message));
        List<Object> elements = new ArrayList<>();
        LocatedJsonReader.StreamedDocument doc = reader.stream(spec, "models", new LocatedJsonReader.ElementHandler() {
                    @Override
                    public void restart() {
                        elements.clear();
                    }

                    @Override
                    public void element(com.fasterxml.jackson.databind.JsonNode element, int index) {
                        elements.add(index + "=" + element);
                    }
                })
                .orElseThrow();
        assertThat(elements).containsExactly("0={\"nme\":1}");
        assertThat(doc.streamed()).isTrue();
        assertThat(doc.root().toString()).isEqualTo("{\"models\":[]}");
        assertThat(reader.locate(spec, doc.fingerprint(), List.of("/models/0/nme"))
                        .orElseThrow()
                        .key("/models/0/nme"))
                .isEqualTo(new Location(1, 14));

        Files.writeString(spec, "{\"models\": [{\"nmf\": 1}]}", StandardCharsets.UTF_8);
        assertThat(reader.locate(spec, doc.fingerprint(), List.of("/models/0/nme")))
                .isEmpty();
        assertThat(problems).singleElement().asString().startsWith(DiagnosticCode.SP001 + "@0:0 the file changed");
    }
}
