package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.specpipeline.core.python.TestPython;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared test Spark ({@link SharedSpark}) is one process, and what one borrower leaves is gone for the next:
 * its temporary views, its databases and tables, the settings it changed (as a generated run_all.py changes them).
 */
class SharedSparkTest {
    static final Duration LIMIT = SparkConnection.DEFAULT_START_TIMEOUT;

    @BeforeAll
    static void shareSpark() {
        SharedSpark.use();
    }

    @Test
    void theNextBorrowerGetsTheSameProcessWithNothingOfTheLastOnesSession() throws Exception {
        String python = TestPython.require().toString();
        SparkBridge first = SparkBridge.local(python);
        String partitions;
        try {
            first.call(SparkBridge.request("start"), LIMIT);
            partitions = value(first, "SET spark.sql.shuffle.partitions");
            ObjectNode create = SparkBridge.request("create");
            create.put("view", "`raw.left_behind`");
            create.putArray("columns").addArray().add("id").add("BIGINT");
            create.putArray("rows").addArray().add("1");
            first.call(create, LIMIT);
            ObjectNode save = SparkBridge.request("save");
            save.put("view", "`raw.left_behind`");
            save.put("database", "raw");
            save.put("table", "`raw`.`left_behind`");
            first.call(save, LIMIT);
            sql(first, "CREATE TABLE default_left_behind AS SELECT 1 AS id");
            sql(first, "SET spark.sql.shuffle.partitions=7");
            sql(first, "SET spec.pipeline.left.behind=yes");
            assertThat(column(first, "SHOW TABLES IN raw", 1)).contains("left_behind");
        } finally {
            first.close();
        }

        SparkBridge second = SparkBridge.local(python);
        try {
            assertThat(second).as("the same bridge process, lent again").isSameAs(first);
            second.call(SparkBridge.request("start"), LIMIT);
            assertThat(column(second, "SHOW DATABASES", 0)).containsExactly("default");
            assertThat(column(second, "SHOW TABLES", 1)).isEmpty();
            assertThat(value(second, "SET spark.sql.shuffle.partitions")).isEqualTo(partitions);
            assertThat(value(second, "SET spec.pipeline.left.behind")).isEqualTo("<undefined>");
        } finally {
            second.close();
        }
    }

    private static void sql(SparkBridge b, String sql) throws SQLException {
        ObjectNode req = SparkBridge.request("execute");
        req.put("sql", sql);
        b.call(req, LIMIT);
    }

    /** The value column of a {@code SET key} query. */
    private static String value(SparkBridge b, String sql) throws SQLException {
        return column(b, sql, 1).get(0);
    }

    private static List<String> column(SparkBridge b, String sql, int index) throws SQLException {
        ObjectNode req = SparkBridge.request("rows");
        req.put("sql", sql);
        List<String> out = new ArrayList<>();
        for (JsonNode row : b.call(req, LIMIT).path("rows")) {
            out.add(row.get(index).asText());
        }
        return out;
    }
}
