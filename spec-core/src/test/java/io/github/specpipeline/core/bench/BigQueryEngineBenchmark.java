package io.github.specpipeline.core.bench;

import io.github.specpipeline.core.ddl.SourceCatalog;
import io.github.specpipeline.core.engine.bigquery.BigQueryEngine;
import io.github.specpipeline.core.engine.bigquery.QueryResult;
import io.github.specpipeline.core.engine.bigquery.TableColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark of GoogleSQL's reference engine ({@code engine.bigquery}; not part of the test suite): the time to
 * start the first engine of a JVM (the JNI library is unpacked from its jar and loaded, the built-in functions
 * fetched), the time to give it a table of N rows, and rows per second for a scan with a filter over that table
 * (the first query after a table changes also sends the catalog and rows to the engine; later ones do not).
 *
 * <pre>
 * ./mvnw -q -pl spec-core test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 * java -cp "$(cat spec-core/target/bench.cp):spec-core/target/classes:spec-core/target/test-classes" \
 *     io.github.specpipeline.core.bench.BigQueryEngineBenchmark 10000 5
 * </pre>
 * Arguments: rows (10000), timed runs of the query (5).
 */
public final class BigQueryEngineBenchmark {
    private static final String QUERY =
            "SELECT id, customer, amount, placed_at FROM `bench.orders` WHERE amount > 50 AND status = 'paid'";

    private BigQueryEngineBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long t0 = System.nanoTime();
        try (BigQueryEngine engine = BigQueryEngine.start(SourceCatalog.empty())) {
            long started = System.nanoTime();
            List<TableColumn> columns = List.of(
                    TableColumn.of("id", "INT64"),
                    TableColumn.of("customer", "STRING"),
                    TableColumn.of("amount", "NUMERIC"),
                    TableColumn.of("status", "STRING"),
                    TableColumn.of("placed_at", "TIMESTAMP"));
            List<List<String>> data = new ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                data.add(Arrays.asList(
                        Integer.toString(i),
                        "customer-" + (i % 997),
                        (i % 100) + ".25",
                        i % 3 == 0 ? "paid" : "open",
                        "2024-01-" + String.format(Locale.ROOT, "%02d", 1 + i % 28) + " 10:00:00+00"));
            }
            long generated = System.nanoTime();
            engine.createTable("bench.orders", columns, data);
            long coldLoaded = System.nanoTime();
            engine.createTable("bench.orders", columns, data); // again, with the conversion code warm
            long loaded = System.nanoTime();
            QueryResult first = engine.query(QUERY);
            long firstDone = System.nanoTime();
            print("engine start (first in this JVM)", started - t0, -1);
            print("createTable (text to values), first", coldLoaded - generated, rows);
            print("createTable again (warm)", loaded - coldLoaded, rows);
            print("first query (sends catalog and rows)", firstDone - loaded, rows);
            long best = Long.MAX_VALUE;
            for (int r = 0; r < runs; r++) {
                long s = System.nanoTime();
                QueryResult q = engine.query(QUERY);
                long t = System.nanoTime() - s;
                best = Math.min(best, t);
                if (q.rows().size() != first.rows().size()) {
                    throw new IllegalStateException("row counts differ between runs");
                }
            }
            print("scan + filter, best of " + runs, best, rows);
            System.out.printf(
                    Locale.ROOT,
                    "rows: %d scanned, %d returned%n",
                    rows,
                    first.rows().size());
        }
    }

    private static void print(String what, long nanos, int rows) {
        double ms = nanos / 1e6;
        if (rows < 0) {
            System.out.printf(Locale.ROOT, "%-40s %10.1f ms%n", what, ms);
        } else {
            System.out.printf(Locale.ROOT, "%-40s %10.1f ms %12.0f rows/s%n", what, ms, rows / (nanos / 1e9));
        }
    }
}
