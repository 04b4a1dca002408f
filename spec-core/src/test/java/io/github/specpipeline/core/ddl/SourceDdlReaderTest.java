package io.github.specpipeline.core.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.specpipeline.core.io.Bytes;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceDdlReaderTest {

    private static Path resource(String name) {
        try {
            return Path.of(SourceDdlReaderTest.class.getResource("/ddl/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DdlReadResult read(Path dir, String fileName, String ddl) throws IOException {
        Files.writeString(dir.resolve(fileName), ddl, StandardCharsets.UTF_8);
        return SourceDdlReader.read(dir);
    }

    @Nested
    class Customer360 {

        private final Path dir = resource("customer360");
        private final DdlReadResult result = SourceDdlReader.read(dir);

        @Test
        void allSixTablesWithoutProblems() {
            assertThat(result.problems()).isEmpty();
            assertThat(result.catalog().tables())
                    .extracting(SourceTable::key)
                    .containsExactly(
                            "raw.commerce_order_items",
                            "raw.commerce_orders",
                            "raw.crm_addresses",
                            "raw.crm_customers",
                            "raw.fx_rates",
                            "raw.support_tickets");
        }

        @Test
        void columnsWithTypesNotNullAndPositions() {
            SourceTable customers =
                    result.catalog().table("raw", "crm_customers").orElseThrow();

            assertThat(customers.file()).isEqualTo(dir.resolve("01_crm.sql"));
            assertThat(customers.line()).isEqualTo(2); // after the comment line; the BOM takes no column
            assertThat(customers.columns())
                    .extracting(
                            SourceColumn::name,
                            SourceColumn::type,
                            SourceColumn::notNull,
                            SourceColumn::line,
                            SourceColumn::column)
                    .containsExactly(
                            tuple("customer_id", "INT64", true, 3, 3),
                            tuple("email", "STRING", false, 4, 3),
                            tuple("phone", "STRING", false, 5, 3),
                            tuple("status", "STRING", false, 6, 3),
                            tuple("created_at", "TIMESTAMP", false, 7, 3),
                            tuple("updated_at", "TIMESTAMP", false, 8, 3));
        }

        @Test
        void secondStatementOfAFile() {
            SourceTable addresses =
                    result.catalog().table("raw", "crm_addresses").orElseThrow();

            assertThat(addresses.line()).isEqualTo(13);
            assertThat(addresses.columns())
                    .extracting(SourceColumn::name)
                    .containsExactly(
                            "customer_id", "country", "city", "state", "postal_code", "created_at", "updated_at");
        }

        @Test
        void projectPrefixIsDroppedAndSeparateBackticksJoined() {
            assertThat(result.catalog()
                            .table("raw", "commerce_orders")
                            .orElseThrow()
                            .columns())
                    .extracting(SourceColumn::name, SourceColumn::notNull)
                    .containsExactly(
                            tuple("order_id", true),
                            tuple("customer_id", true),
                            tuple("order_ts", false),
                            tuple("currency", false),
                            tuple("total_amount", false));
            assertThat(result.catalog()
                            .table("raw", "commerce_order_items")
                            .orElseThrow()
                            .columns())
                    .extracting(SourceColumn::name, SourceColumn::type)
                    .containsExactly(
                            tuple("order_id", "INT64"), tuple("quantity", "INT64"), tuple("refund_amount", "NUMERIC"));
        }

        @Test
        void lookupsIgnoreCase() {
            SourceCatalog catalog = result.catalog();

            assertThat(catalog.table("RAW", "FX_Rates")).isPresent();
            assertThat(catalog.table("raw.support_tickets")).isPresent();
            assertThat(catalog.table("my-project.raw.commerce_orders")).isPresent();
            assertThat(catalog.table("raw", "nope")).isEmpty();
            assertThat(catalog.table("raw", "fx_rates").orElseThrow().column("RATE_TO_USD"))
                    .map(SourceColumn::type)
                    .contains("NUMERIC");
        }
    }

    @Test
    void bigQueryFormsJSqlParserRejects() {
        DdlReadResult result = SourceDdlReader.read(resource("bigquery-forms"));

        assertThat(result.problems()).isEmpty();
        SourceTable events = result.catalog().table("sales", "events").orElseThrow();
        assertThat(events.columns())
                .extracting(SourceColumn::name, SourceColumn::type, SourceColumn::notNull)
                .containsExactly(
                        tuple("event_id", "INT64", true),
                        tuple("amount", "NUMERIC(10, 2)", false),
                        tuple("label", "STRING(100)", false),
                        tuple("tags", "ARRAY<STRING>", false),
                        tuple("address", "STRUCT<city STRING, zip STRING NOT NULL>", false),
                        tuple("history", "ARRAY<STRUCT<at TIMESTAMP, `value` NUMERIC(38, 9)>>", false),
                        tuple("matrix", "ARRAY<ARRAY<INT64>>", false),
                        tuple("event_ts", "TIMESTAMP", false));
    }

    @Nested
    class Problems {

        @TempDir
        Path dir;

        @Test
        void missingDirectory() {
            Path missing = dir.resolve("nope");
            DdlReadResult result = SourceDdlReader.read(missing);

            assertThat(result.catalog().isEmpty()).isTrue();
            assertThat(result.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo(missing);
                assertThat(p.message()).contains(missing.toString()).contains("does not exist");
                assertThat(p.line()).isZero();
            });
        }

        @Test
        void aFileInsteadOfADirectory() throws IOException {
            Path file = Files.writeString(dir.resolve("t.sql"), "CREATE TABLE raw.t (a INT64);");
            DdlReadResult result = SourceDdlReader.read(file);

            assertThat(result.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo(file);
                assertThat(p.message()).contains("is not a directory");
                assertThat(p.fix()).contains("specpipeline.sourceDdl");
            });
        }

        @Test
        void noSqlFiles() throws IOException {
            Files.writeString(dir.resolve("notes.txt"), "CREATE TABLE raw.t (a INT64);");

            // the diagnostic names the directory as its file; the message need not repeat its absolute path, and
            // the advice is about the directory, not "fix the statement at the position shown" (fuzz finding)
            assertThat(SourceDdlReader.read(dir).problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo(dir);
                assertThat(p.message()).isEqualTo("the source DDL directory has no *.sql files");
                assertThat(p.fix()).contains("specpipeline.sourceDdl").doesNotContain("position");
            });
        }

        @Test
        void invalidUtf8IsLocated() throws IOException {
            byte[] bytes = "CREATE TABLE raw.t (\n  caf\u00e9 STRING\n);".getBytes(StandardCharsets.ISO_8859_1);
            Files.write(dir.resolve("latin1.sql"), bytes);
            Files.writeString(dir.resolve("ok.sql"), "CREATE TABLE raw.ok (a INT64);");
            DdlReadResult result = SourceDdlReader.read(dir);

            assertThat(result.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo(dir.resolve("latin1.sql"));
                assertThat(p.message()).contains("not valid UTF-8").contains("0xE9");
                assertThat(List.of(p.line(), p.column())).containsExactly(2, 6);
            });
            assertThat(result.catalog().table("raw", "ok"))
                    .as("other files are still read")
                    .isPresent();
        }

        @Test
        void invalidUtf8AfterAByteOrderMarkIsLocatedAsTheStatementsAre() throws IOException {
            Files.write(
                    dir.resolve("bom.sql"),
                    Bytes.withByteOrderMark(
                            "CREATE TABLE raw.caf\u00e9 (a INT64);".getBytes(StandardCharsets.ISO_8859_1)));

            assertThat(SourceDdlReader.read(dir).problems()).singleElement().satisfies(p -> {
                assertThat(p.message()).contains("byte 0xE9 at offset 23");
                // the mark takes no column, as in the positions of statements
                assertThat(List.of(p.line(), p.column())).containsExactly(1, 21);
            });
        }

        @Test
        void utf16IsNotUtf8() throws IOException {
            Files.write(dir.resolve("u16.sql"), "CREATE TABLE raw.t (a INT64);".getBytes(StandardCharsets.UTF_16));

            assertThat(SourceDdlReader.read(dir).problems())
                    .singleElement()
                    .extracting(DdlProblem::message)
                    .asString()
                    .contains("not valid UTF-8")
                    .contains("UTF-16");
        }

        @Test
        void tableWithoutSchema() throws IOException {
            DdlReadResult result = read(dir, "t.sql", "CREATE TABLE customers (id INT64);");

            assertThat(result.catalog().isEmpty()).isTrue();
            assertThat(result.problems()).singleElement().satisfies(p -> {
                assertThat(p.message()).contains("qualify the table as dataset.table");
                assertThat(List.of(p.line(), p.column())).containsExactly(1, 14);
            });
        }

        @Test
        void tableDefinedTwiceAcrossFiles() throws IOException {
            Files.writeString(dir.resolve("a.sql"), "CREATE TABLE raw.t (a INT64);");
            DdlReadResult result = read(dir, "b.sql", "\n\nCREATE TABLE `RAW.T` (b INT64);");

            assertThat(result.catalog().table("raw", "t").orElseThrow().columns())
                    .extracting(SourceColumn::name)
                    .as("the first definition wins")
                    .containsExactly("a");
            assertThat(result.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo(dir.resolve("b.sql"));
                assertThat(p.message()).contains("RAW.T is defined twice").contains("a.sql:1");
                assertThat(List.of(p.line(), p.column())).containsExactly(3, 14);
            });
        }

        @Test
        void duplicateColumnIgnoringCase() throws IOException {
            DdlReadResult result = read(dir, "t.sql", "CREATE TABLE raw.t (\n  id INT64,\n  ID STRING\n);");

            assertThat(result.catalog().table("raw", "t").orElseThrow().columns())
                    .extracting(SourceColumn::name, SourceColumn::type)
                    .containsExactly(tuple("id", "INT64"));
            assertThat(result.problems()).singleElement().satisfies(p -> {
                assertThat(p.message()).contains("column 'ID' is defined twice in table raw.t (first at line 2)");
                assertThat(List.of(p.line(), p.column())).containsExactly(3, 3);
            });
        }

        @Test
        void unparsableStatementsAreReportedAndTheOthersRead() throws IOException {
            String ddl = String.join(
                    "\n",
                    "CREATE TABLE raw.good (a INT64);", // 1
                    "CREATE TABLE raw.d (a INT64,);", // 2
                    "CREATE VIEW raw.v AS SELECT 1;", // 3
                    "INSERT INTO raw.good VALUES (1);", // 4
                    "CREATE TABLE raw.c AS SELECT 1 AS a;", // 5
                    "CREATE TABLE raw.n (a);", // 6
                    "CREATE TABLE raw.f (a INT64) ENGINE=InnoDB;", // 7
                    "CREATE TABLE raw.g (a INT64"); // 8
            DdlReadResult result = read(dir, "t.sql", ddl);

            assertThat(result.catalog().tables()).extracting(SourceTable::key).containsExactly("raw.good");
            assertThat(result.problems())
                    .extracting(DdlProblem::line, DdlProblem::column)
                    .containsExactly(
                            tuple(2, 29),
                            tuple(3, 8),
                            tuple(4, 1),
                            tuple(5, 20),
                            tuple(6, 22),
                            tuple(7, 30),
                            tuple(8, 28));
            assertThat(result.problems())
                    .extracting(DdlProblem::message)
                    .satisfiesExactly(
                            m -> assertThat(m).isEqualTo("expected a column definition after ','"),
                            m -> assertThat(m)
                                    .contains("only CREATE TABLE statements")
                                    .contains("CREATE VIEW"),
                            m -> assertThat(m)
                                    .contains("only CREATE TABLE statements")
                                    .contains("'INSERT'"),
                            m -> assertThat(m).contains("declares no columns"),
                            m -> assertThat(m).isEqualTo("column 'a' has no type"),
                            m -> assertThat(m).contains("unexpected 'ENGINE' after the column list"),
                            m -> assertThat(m).contains("is not closed"));
        }

        @Test
        void anUnterminatedLiteralStopsTheFile() throws IOException {
            DdlReadResult result = read(dir, "t.sql", "CREATE TABLE raw.t (a STRING OPTIONS(description='x));");

            assertThat(result.catalog().isEmpty()).isTrue();
            assertThat(result.problems()).singleElement().satisfies(p -> {
                assertThat(p.message()).startsWith("unterminated string literal");
                assertThat(List.of(p.line(), p.column())).containsExactly(1, 50);
            });
        }

        @Test
        void semicolonsInStringsAndCommentsDoNotSplitStatements() throws IOException {
            DdlReadResult result = read(
                    dir,
                    "t.sql",
                    "CREATE TABLE raw.t ( -- a; b\n"
                            + "  a STRING OPTIONS(description = 'x; y'), /* ; */ b INT64 # ;\n);");

            assertThat(result.problems()).isEmpty();
            assertThat(result.catalog().table("raw", "t").orElseThrow().columns())
                    .extracting(SourceColumn::name)
                    .containsExactly("a", "b");
        }
    }

    @Test
    void readTextReadsOneFilesWorth() {
        DdlReadResult result = SourceDdlReader.readText(
                Path.of("inline.sql"), "\uFEFFcreate table raw.lower_case (`select` int64 not null, primary STRING)");

        assertThat(result.problems()).isEmpty();
        assertThat(result.catalog().table("raw", "lower_case").orElseThrow().columns())
                .extracting(SourceColumn::name, SourceColumn::type, SourceColumn::notNull)
                .containsExactly(tuple("select", "INT64", true), tuple("primary", "STRING", false));
    }
}
