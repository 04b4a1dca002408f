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

    /**
     * Why the rows files do not use commons-csv with the review's {@code CsvExporter.FORMAT}: it writes NULL and an
     * empty string alike (both an empty cell after the first), and quotes a cell that starts with a space or
     * {@code #}, where these files keep NULL and {@code ""} apart and quote only what RFC 4180 needs.
     */
    @Test
    void commonsCsvWouldWriteOtherBytes() throws java.io.IOException {
        java.util.List<Object> row = java.util.Arrays.asList("x", null, "", " y", "#z");
        StringBuilder commons = new StringBuilder();
        try (org.apache.commons.csv.CSVPrinter p = new org.apache.commons.csv.CSVPrinter(
                commons, io.github.specpipeline.core.export.csv.CsvExporter.FORMAT)) {
            p.printRecord(row);
        }
        String ours = ModelRowsCsv.csv(new DuckDbSession.Rows(
                java.util.List.of("a", "b", "c", "d", "e"), java.util.List.of(), java.util.List.of(row)));
        assertThat(ours).isEqualTo("a,b,c,d,e\nx,,\"\", y,#z\n");
        assertThat(commons.toString()).isEqualTo("x,,,\" y\",\"#z\"\n");
    }
}
