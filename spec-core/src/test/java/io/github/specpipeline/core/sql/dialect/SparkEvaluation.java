package io.github.specpipeline.core.sql.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.specpipeline.core.sql.SqlFragmentException;
import io.github.specpipeline.core.testrun.SharedSpark;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Runs the Spark side of the differential table: every case's Spark SQL in one batch on the test JVM's local Spark
 * session ({@link SharedSpark}; the script {@code differential/spark_eval.py} run in its bridge), each value read back
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

    private static List<FunctionDifferential.Typed> evaluate(Path python, List<String> queries) throws Exception {
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
        JSON.writeValue(input.toFile(), queries);
        // on the test JVM's one Spark (SharedSpark), not a Spark of its own: starting one was most of this table's time
        SharedSpark.runScript(python, dir, "spark_eval.py", Duration.ofMinutes(10));
        if (!Files.exists(output)) {
            throw new IllegalStateException("Spark wrote no " + output);
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
