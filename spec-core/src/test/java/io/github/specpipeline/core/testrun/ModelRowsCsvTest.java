package io.github.specpipeline.core.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ModelRowsCsvTest {
    @Test
    void valuesAreBigQueryTextQuotedAsRfc4180AndSortedByEveryColumn() throws SQLException {
        try (DuckDbSession s = DuckDbSession.open()) {
            s.execute(
                    "CREATE TABLE t (id BIGINT, amount DECIMAL(38,9), note VARCHAR, seen_at TIMESTAMPTZ, d DOUBLE, tags VARCHAR[])");
            s.execute("""
                    INSERT INTO t VALUES
                      (2, 49.500000000, 'a, "quoted"' || chr(10) || 'line', TIMESTAMPTZ '2024-01-05 11:15:00.5+00', 3.0, ['x', 'y']),
                      (1, 0, '=HYPERLINK("x")', TIMESTAMPTZ '2024-01-05 11:15:00+00', 1.25, []),
                      (3, NULL, '', NULL, 1e20, NULL),
                      (1, -12.5, '-12.5', NULL, 'NaN'::DOUBLE, NULL)
                    """);
            assertThat(ModelRowsCsv.csv(ModelRowsCsv.rows(s, "t"))).isEqualTo("""
                    id,amount,note,seen_at,d,tags
                    1,-12.5,-12.5,,nan,
                    1,0,"'=HYPERLINK(""x"")",2024-01-05 11:15:00+00,1.25,[]
                    2,49.5,"a, ""quoted""
                    line",2024-01-05 11:15:00.500+00,3,"[x, y]"
                    3,,"",,1e+20,
                    """);
        }
    }

    @Test
    void aTableWithoutRowsIsItsHeader() throws SQLException {
        try (DuckDbSession s = DuckDbSession.open()) {
            s.execute("CREATE TABLE t (id BIGINT, note VARCHAR)");
            assertThat(ModelRowsCsv.csv(ModelRowsCsv.rows(s, "t"))).isEqualTo("id,note\n");
        }
    }
}
