package io.github.specpipeline.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.ModelFile;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A spec directory ({@code spec.json} plus one file per model under {@code models/}) is the same spec as the one file
 * it was split from: the same generated code and review byte for byte but for the file names, and each diagnostic at
 * the same JSON text, now in the model's own file.
 */
class SpecDirectoryTest {
    static final Path SHOP = Path.of("src/test/resources/generate/shop-analytics");
    /** The shop-analytics spec split into spec.json and six model files in two folders. */
    static final Path SHOP_DIR = Path.of("src/test/resources/specdir/shop-analytics");

    /** A location in either spec: the file (and line:column) is what differs by design. */
    static final java.util.regex.Pattern LOCATION = java.util.regex.Pattern.compile(
            "(generate|specdir)/shop-analytics(/spec\\.json|/models/[\\w/]+\\.json)?(:\\d+(:\\d+)?)?");

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static SpecInput single() {
        return new SpecInput(SHOP.resolve("spec.json"), SHOP.resolve("source_ddl"), BASE);
    }

    static SpecInput directory(Path dir) {
        return new SpecInput(dir, SHOP.resolve("source_ddl"), dir.getParent());
    }

    /** The one base both share, so that the seed paths the DuckDB files name are the same. */
    static final Path BASE = Path.of("src/test/resources");

    static SpecInput shopDirectory() {
        return new SpecInput(SHOP_DIR, SHOP.resolve("source_ddl"), BASE);
    }

    @Test
    void modelsAreReadInTheOrderOfTheirPathsAndCarryTheirFile() throws IOException {
        SpecLoader.Result r = SpecLoader.load(shopDirectory());
        assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
        ValidatedSpec spec = r.spec().orElseThrow();
        SpecLoader.Result one = SpecLoader.load(single());
        assertThat(spec.spec().models().stream().map(Model::name))
                .containsExactlyElementsOf(one.spec().orElseThrow().spec().models().stream()
                        .map(Model::name)
                        .toList());
        Model orders = spec.spec().model("stg_orders").orElseThrow();
        ModelFile file = spec.spec().fileOf(orders).orElseThrow();
        assertThat(file.file()).isEqualTo("specdir/shop-analytics/models/1_staging/01_stg_orders.json");
        assertThat(file.sha256()).isEqualTo(sha256(SHOP_DIR.resolve("models/1_staging/01_stg_orders.json")));
        assertThat(spec.specFile()).isEqualTo("specdir/shop-analytics");
    }

    @Test
    void generatedCodeEqualsTheSingleFilesButForTheHeaders() throws IOException {
        Map<String, String> one = generate(single(), tmp.resolve("one"));
        Map<String, String> dir = generate(shopDirectory(), tmp.resolve("dir"));
        assertThat(dir.keySet()).containsExactlyElementsOf(one.keySet());
        // a model's own file names the model file and its hash; the shared files name the directory
        String orders = "specdir/shop-analytics/models/1_staging/01_stg_orders.json (sha256 "
                + sha256(SHOP_DIR.resolve("models/1_staging/01_stg_orders.json"))
                        .substring(0, 16) + ")";
        assertThat(firstLine(dir.get("dbt/models/staging/stg_orders.sql"))).contains(" from " + orders + ". Do not");
        assertThat(firstLine(dir.get("pyspark/stg_orders.py"))).contains(" from " + orders + ". Do not");
        assertThat(firstLine(dir.get("sql/duckdb/stg_orders.sql"))).contains(" from " + orders + ". Do not");
        assertThat(firstLine(dir.get("dataform/definitions/staging/stg_orders.sqlx")))
                .contains(" from " + orders + ". Do not");
        assertThat(firstLine(dir.get("dbt/dbt_project.yml"))).contains(" from specdir/shop-analytics. Do not");
        assertThat(firstLine(one.get("dbt/models/staging/stg_orders.sql")))
                .contains(" from generate/shop-analytics/spec.json. Do not");
        for (String name : one.keySet()) {
            assertThat(withoutHeaders(dir.get(name))).as(name).isEqualTo(withoutHeaders(one.get(name)));
        }
    }

    @Test
    void reviewExportsEqualTheSingleFilesButForTheFileName() throws IOException {
        Map<String, String> one = export(single(), tmp.resolve("one"));
        Map<String, String> dir = export(shopDirectory(), tmp.resolve("dir"));
        assertThat(dir.keySet()).containsExactlyElementsOf(one.keySet());
        // a finding is located in the model's file
        assertThat(dir.get("review/csv/06_validation.csv"))
                .contains("warning,SP403,specdir/shop-analytics/models/1_staging/01_stg_orders.json:24:21,"
                        + "/models/1/column_mapping,stg_orders,");
        for (String name : one.keySet()) {
            // Markdown escapes the name
            String d = dir.get(name).replace("specdir/shop\\-analytics", "specdir/shop-analytics");
            String o =
                    one.get(name).replace("generate/shop\\-analytics/spec\\.json", "generate/shop-analytics/spec.json");
            assertThat(LOCATION.matcher(d).replaceAll("SPEC"))
                    .as(name)
                    .isEqualTo(LOCATION.matcher(o).replaceAll("SPEC"));
        }
    }

    /** Every validation case that Jackson reads as a tree: split into a directory, each diagnostic at the same text. */
    static Stream<String> cases() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/validation/cases"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyDiagnosticPointsAtTheSameTextInTheModelsFile(String name) throws IOException {
        Path file = Path.of("src/test/resources/validation/cases", name);
        Path ddl = Path.of("src/test/resources/validation/ddl");
        String text;
        JsonNode root;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
            root = JSON.readTree(text);
        } catch (IOException e) {
            return; // not JSON at all: a reading case, the same code path as a single file
        }
        Assumptions.assumeTrue(
                root != null && root.isObject() && root.path("models").isArray());
        List<Diagnostic> single =
                SpecLoader.load(new SpecInput(file, ddl, file.getParent())).diagnostics();
        // a case about the file itself (duplicate keys, encoding, limits) is not about models
        Assumptions.assumeTrue(single.stream().noneMatch(d -> d.code().id().startsWith("SP0")));
        Path dir = split(root, tmp.resolve("spec"));
        List<String> once = strip(single);
        // a duplicate model name is reported in both files of a directory, once in a single file
        List<Diagnostic> split = SpecLoader.load(new SpecInput(dir, ddl, tmp)).diagnostics().stream()
                .filter(d -> d.code() != DiagnosticCode.SP202 || once.contains(key(d)))
                .toList();
        assertThat(strip(split)).as(split.toString()).containsExactlyInAnyOrderElementsOf(strip(single));
        Map<String, Diagnostic> byKey = new TreeMap<>();
        split.forEach(d -> byKey.put(key(d), d));
        for (Diagnostic d : single) {
            Diagnostic s = byKey.get(key(d));
            String modelDir = "spec/models/";
            if (d.pointer().startsWith("/models/")) {
                assertThat(s.file()).as(s.toString()).startsWith(modelDir);
            } else {
                assertThat(s.file()).as(s.toString()).isIn("spec/spec.json", "spec");
            }
            if (d.line() > 0) {
                assertThat(s.line()).as(s.toString()).isPositive();
                String there = Files.readString(tmp.resolve(s.file()), StandardCharsets.UTF_8);
                assertThat(token(there, s.line(), s.column()))
                        .as(d + "\n" + s)
                        .isEqualTo(token(text, d.line(), d.column()));
            }
        }
    }

    @Test
    void anErrorInAModelFileIsLocatedInThatFile() throws IOException {
        Path dir = copy(SHOP_DIR, tmp.resolve("shop"));
        Path orders = dir.resolve("models/1_staging/01_stg_orders.json");
        Files.writeString(orders, Files.readString(orders).replaceFirst("\"description\"", "\"descripton\""));
        List<Diagnostic> ds = SpecLoader.load(directory(dir)).diagnostics();
        Diagnostic d = ds.stream()
                .filter(x -> x.code() == DiagnosticCode.SP103)
                .findFirst()
                .orElseThrow();
        int[] at = position(Files.readString(orders), "\"descripton\"");
        assertThat(d.format()).startsWith("shop/models/1_staging/01_stg_orders.json:" + at[0] + ":" + at[1] + ": ");
    }

    @Test
    void aSyntaxErrorInAModelFileIsLocatedInThatFile() throws IOException {
        Path dir = copy(SHOP_DIR, tmp.resolve("shop"));
        Path orders = dir.resolve("models/2_final/03_fact_orders.json");
        Files.writeString(orders, "{\n  \"name\": \"fact_orders\",\n  \"layer\" \"final\"\n}\n");
        SpecLoader.Result r = SpecLoader.load(directory(dir));
        assertThat(r.diagnostics())
                .anySatisfy(d -> assertThat(d.format()).startsWith("shop/models/2_final/03_fact_orders.json:3:"));
    }

    @Test
    void aDuplicateModelNameIsAnErrorInBothFiles() throws IOException {
        Path dir = copy(SHOP_DIR, tmp.resolve("shop"));
        Files.copy(dir.resolve("models/1_staging/00_stg_customers.json"), dir.resolve("models/2_final/09_copy.json"));
        List<Diagnostic> ds = SpecLoader.load(directory(dir)).diagnostics().stream()
                .filter(d -> d.code() == DiagnosticCode.SP202)
                .toList();
        assertThat(ds)
                .extracting(Diagnostic::format)
                .containsExactly(
                        "shop/models/1_staging/00_stg_customers.json:2:11: error[SP202] duplicate model name"
                                + " 'stg_customers' (also shop/models/2_final/09_copy.json) (hint: rename one of them)",
                        "shop/models/2_final/09_copy.json:2:11: error[SP202] duplicate model name 'stg_customers'"
                                + " (also shop/models/1_staging/00_stg_customers.json) (hint: rename one of them)");
    }

    @Test
    void modelsInSpecJsonAreRefused() throws IOException {
        Path dir = copy(SHOP_DIR, tmp.resolve("shop"));
        Path spec = dir.resolve("spec.json");
        String text = Files.readString(spec);
        Files.writeString(spec, text.substring(0, text.lastIndexOf('}')) + ",\n  \"models\": [{\"name\": \"x\"}]\n}\n");
        List<Diagnostic> ds = SpecLoader.load(directory(dir)).diagnostics();
        int[] at = position(Files.readString(spec), "\"models\"");
        assertThat(ds)
                .extracting(Diagnostic::format)
                .contains("shop/spec.json:" + at[0] + ":" + at[1] + ": error[SP107] spec.json of a spec directory"
                        + " holds no models (found 1) (hint: move each model to its own file under models/, e.g."
                        + " models/<name>.json)");
    }

    @Test
    void aDirectoryWithoutSpecJsonIsAnError() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty/models"));
        SpecLoader.Result r = SpecLoader.load(directory(dir.getParent()));
        assertThat(r.spec()).isEmpty();
        assertThat(r.diagnostics())
                .extracting(Diagnostic::format)
                .containsExactly("empty: error[SP107] spec" + " directory empty has no spec.json (hint: "
                        + DiagnosticCode.SP107.fix() + ")");
    }

    @Test
    void aLinkLeavingTheDirectoryIsRefused() throws IOException {
        Path dir = copy(SHOP_DIR, tmp.resolve("shop"));
        Path outside = Files.writeString(tmp.resolve("outside.json"), "{\"name\": \"secret\"}");
        try {
            Files.createSymbolicLink(dir.resolve("models/2_final/99_link.json"), outside.toAbsolutePath());
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("no symbolic links here: " + e);
        }
        SpecLoader.Result r = SpecLoader.load(directory(dir));
        assertThat(r.diagnostics())
                .filteredOn(d -> d.code() == DiagnosticCode.SP109)
                .singleElement()
                .satisfies(d -> assertThat(d.file()).isEqualTo("shop/models/2_final/99_link.json"));
        assertThat(r.spec().orElseThrow().spec().model("secret")).isEmpty();
    }

    @Test
    void aLinkInsideTheDirectoryIsRead() throws IOException {
        Path dir = copy(SHOP_DIR, tmp.resolve("shop"));
        Path target = dir.resolve("models/2_final/05_dim_customers.json");
        Path moved = Files.move(target, dir.resolve("dim.json.keep"));
        try {
            Files.createSymbolicLink(target, moved.toAbsolutePath());
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("no symbolic links here: " + e);
        }
        SpecLoader.Result r = SpecLoader.load(directory(dir));
        assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
        assertThat(r.spec().orElseThrow().spec().model("dim_customers")).isPresent();
    }

    // ---- helpers

    private static Map<String, String> generate(SpecInput input, Path out) throws IOException {
        GenerateTask.Result r = GenerateTask.run(
                new GenerateTask.Options(input, out, EnumSet.allOf(Target.class), SHOP.resolve("seeds")), SpecLog.NONE);
        assertThat(r.failed()).as(r.summary()).isFalse();
        Map<String, String> files = tree(out);
        files.keySet().removeIf(f -> f.startsWith("validation/"));
        return files;
    }

    private static Map<String, String> export(SpecInput input, Path out) throws IOException {
        ExportTask.Result r = ExportTask.run(
                new ExportTask.Options(
                        input,
                        out,
                        java.util.Set.of(
                                io.github.specpipeline.core.export.ExportFormat.CSV,
                                io.github.specpipeline.core.export.ExportFormat.HTML,
                                io.github.specpipeline.core.export.ExportFormat.MERMAID),
                        true,
                        java.time.Instant.parse("2026-01-01T00:00:00Z")),
                SpecLog.NONE);
        assertThat(r.failed()).isFalse();
        Map<String, String> files = tree(out);
        files.keySet().removeIf(f -> f.startsWith("validation/") || f.endsWith("/.export-stamp"));
        return files;
    }

    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return files;
    }

    private static String firstLine(String text) {
        return text.substring(0, text.indexOf('\n'));
    }

    private static String withoutHeaders(String text) {
        return text.lines()
                .map(l -> l.contains("Generated by spec-pipeline") ? "HEADER" : l)
                .reduce("", (a, b) -> a + b + "\n");
    }

    /** Splits a spec into spec.json and models/NNNN_name.json, pretty-printed as an editor would. */
    static Path split(JsonNode root, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("models"));
        ObjectNode top = root.deepCopy();
        top.remove("models");
        Files.writeString(
                dir.resolve("spec.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(top));
        int i = 0;
        for (JsonNode m : root.get("models")) {
            Files.writeString(
                    dir.resolve("models/" + String.format("%04d", i++) + ".json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m));
        }
        return dir;
    }

    private static List<String> strip(List<Diagnostic> ds) {
        return ds.stream().map(SpecDirectoryTest::key).toList();
    }

    private static String key(Diagnostic d) {
        // the message may name a model by its place (models[3]), which in a directory is its file
        String message = d.message().replaceAll("\\(also [^)]*\\)", "(also)");
        return d.severity() + " " + d.code().id() + " " + d.pointer() + " " + message;
    }

    /**
     * The text starting at line:column (1-based) of {@code text} up to the next JSON punctuation or space: the same
     * however the JSON around it is laid out.
     */
    private static String token(String text, int line, int column) {
        String l = text.lines().skip(line - 1).findFirst().orElse("");
        String rest = l.substring(Math.min(Math.max(column - 1, 0), l.length()));
        int end = 1;
        while (end < rest.length() && " ,:{}[]".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        return rest.substring(0, Math.min(end, rest.length()));
    }

    private static int[] position(String text, String needle) {
        int offset = text.indexOf(needle);
        String before = text.substring(0, offset);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = offset - before.lastIndexOf('\n');
        return new int[] {line, column};
    }

    private static Path copy(Path from, Path to) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(from)) {
            all = new ArrayList<>(s.toList());
        }
        for (Path p : all) {
            Path t = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(t);
            } else {
                Files.copy(p, t);
            }
        }
        return to;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
