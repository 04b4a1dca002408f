package io.github.specpipeline.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ColumnIndex} answers as a scan with {@code equalsIgnoreCase}, before and after it builds its map. */
class ColumnIndexTest {
    private static Column scan(List<Column> columns, String name) {
        for (Column c : columns) {
            if (c.name() != null && name != null && c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    private static final List<String> ASKED = List.of(
            "id",
            "ID",
            "Id",
            "amount",
            "AMOUNT",
            "amount_eur",
            "missing",
            "",
            "k",
            "K",
            "\u212A",
            "s",
            "\u017F",
            "stra\u00DFe",
            "STRASSE",
            "\u00E9t\u00E9",
            "\u00C9T\u00C9",
            "i",
            "\u0130");

    private static void assertLikeAScan(List<Column> columns) {
        ColumnIndex index = ColumnIndex.of(columns);
        // twice over, so that the first look-ups scan and the later ones use the map
        for (int round = 0; round < 2; round++) {
            for (String name : ASKED) {
                assertThat(index.get(name)).as("'%s' in %s", name, columns).isSameAs(scan(columns, name));
            }
        }
        assertThat(index.get(null)).isNull();
    }

    @Test
    void asciiNamesTheFirstOfEqualNamesWins() {
        List<Column> columns = List.of(
                new Column("ID", "INT64"),
                new Column("id", "STRING"),
                new Column("Amount", "NUMERIC"),
                new Column("amount_eur", "NUMERIC"),
                new Column("k", "INT64"),
                new Column("S", "INT64"),
                new Column("I", "BOOL"));
        assertLikeAScan(columns);
        assertThat(ColumnIndex.of(columns).get("AMOUNT").type()).isEqualTo("NUMERIC");
        // the Kelvin sign and the long s equal k and s ignoring case: the map must not hide them
        assertThat(ColumnIndex.of(columns).get("\u212A")).isSameAs(columns.get(4));
        assertThat(ColumnIndex.of(columns).get("\u017F")).isSameAs(columns.get(5));
    }

    @Test
    void nonAsciiAndNullNamesAreScanned() {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(null, "INT64"));
        columns.add(new Column("\u00E9t\u00E9", "DATE"));
        columns.add(new Column("\u212A", "INT64"));
        columns.add(new Column("id", "INT64"));
        assertLikeAScan(columns);
        assertThat(ColumnIndex.of(columns).get("k")).isSameAs(columns.get(2));
    }

    @Test
    void noColumnsNoIndex() {
        assertThat(ColumnIndex.of(null)).isNull();
        assertLikeAScan(List.of());
    }
}
