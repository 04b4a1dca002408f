package io.github.specpipeline.core.sql.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.specpipeline.core.sql.SqlFragmentException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Spark side of the differential table: every case's Spark SQL in one batch on one local Spark session
 * (the script {@code differential/spark_eval.py} under the build's Python environment), each value read back
 * into BigQuery's type name and text form, as DuckDB's are.
 */
final class SparkEvaluation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkEvaluation() {}

    static List<FunctionDifferential.Result> run(Path python, List<FunctionDifferential.Result> results)
            throws Exception {
        List<String> queries = new ArrayList<>();
        for (FunctionDifferential.Result r : results) {
            if (r.spark().sql() != null) {
                queries.add(query(r));
            }
        }
        List<FunctionDifferential.Typed> values = evaluate(python, queries);
        List<FunctionDifferential.Result> out = new ArrayList<>();
        int next = 0;
        for (FunctionDifferential.Result r : results) {
            FunctionDifferential.Side s = r.spark();
            if (s.sql() != null) {
                s = new FunctionDifferential.Side(
                        s.dialect(), s.status(), s.sql(), values.get(next++), null, s.differences());
            }
            out.add(new FunctionDifferential.Result(r.c(), r.bigQuery(), r.duckDb(), s));
        }
        return out;
    }

    static String query(FunctionDifferential.Result r) throws SqlFragmentException {
        String rowsArray = "[" + String.join(", ", r.c().rows()) + "]";
        return FunctionDifferential.query(r.c(), Dialect.SPARK, r.spark().sql(), rowsArray);
    }

    private static List<FunctionDifferential.Typed> evaluate(Path python, List<String> queries)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("spark-differential");
        Path script = dir.resolve("spark_eval.py");
        try (InputStream in = SparkEvaluation.class.getResourceAsStream(FunctionDifferential.SPARK_SCRIPT)) {
            Files.write(
                    script,
                    Objects.requireNonNull(in, FunctionDifferential.SPARK_SCRIPT)
                            .readAllBytes());
        }
        Path input = dir.resolve("queries.json");
        Path output = dir.resolve("values.json");
        Path log = dir.resolve("spark.log");
        JSON.writeValue(input.toFile(), queries);
        Process p = new ProcessBuilder(python.toString(), script.toString(), input.toString(), output.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("Spark did not finish the differential table in 10 minutes; see " + log);
        }
        if (p.exitValue() != 0 || !Files.exists(output)) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new IllegalStateException("Spark failed (exit " + p.exitValue() + "):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
        List<FunctionDifferential.Typed> values = new ArrayList<>();
        for (JsonNode n : JSON.readTree(output.toFile())) {
            values.add(typed(n));
        }
        if (values.size() != queries.size()) {
            throw new IllegalStateException(values.size() + " values for " + queries.size() + " queries");
        }
        return values;
    }

    private static FunctionDifferential.Typed typed(JsonNode n) {
        if (n.has("error")) {
            return FunctionDifferential.Typed.error(n.get("error").asText());
        }
        String type = bigQueryType(n.get("type").asText());
        JsonNode v = n.get("value");
        if (v == null || v.isNull()) {
            return new FunctionDifferential.Typed(type, null);
        }
        String text = v.asText();
        return new FunctionDifferential.Typed(
                type,
                switch (type) {
                    case "FLOAT64" -> FunctionDifferential.text(FunctionDifferential.parseDouble(text), type);
                    case "NUMERIC" -> FunctionDifferential.text(new BigDecimal(text), type);
                    case "TIMESTAMP" ->
                        FunctionDifferential.text(LocalDateTime.parse(text).atOffset(ZoneOffset.UTC), type);
                    case "DATETIME" -> FunctionDifferential.text(LocalDateTime.parse(text), type);
                    default -> text; // whole numbers, booleans, ISO dates, text, base64 bytes, arrays as JSON
                });
    }

    /** A Spark type's simple string ({@code decimal(38,9)}, {@code array<string>}) as BigQuery's type name. */
    static String bigQueryType(String spark) {
        String t = spark.toLowerCase(Locale.ROOT);
        if (t.startsWith("array<") && t.endsWith(">")) {
            return "ARRAY<" + bigQueryType(t.substring(6, t.length() - 1)) + ">";
        }
        if (t.startsWith("decimal")) {
            return "NUMERIC";
        }
        if (t.startsWith("interval")) {
            return "INTERVAL";
        }
        if (t.startsWith("varchar") || t.startsWith("char(")) {
            return "STRING";
        }
        return switch (t) {
            case "tinyint", "smallint", "int", "bigint" -> "INT64";
            case "double", "float" -> "FLOAT64";
            case "string" -> "STRING";
            case "boolean" -> "BOOL";
            case "binary" -> "BYTES";
            case "date" -> "DATE";
            case "timestamp" -> "TIMESTAMP";
            case "timestamp_ntz" -> "DATETIME";
            case "void" -> "NULL";
            default -> "Spark " + spark;
        };
    }
}
