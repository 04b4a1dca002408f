package io.github.specpipeline.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.sf.jsqlparser.schema.MultiPartName;
import org.junit.jupiter.api.Test;

/** {@link BigQuerySyntax#unquote} gives what JSqlParser's {@code MultiPartName.unquote} gives, on any short name. */
class UnquoteTest {
    private static final String ALPHABET = "a_0\"[]`' .\u00e9";

    @Test
    void agreesWithJSqlParser() {
        List<String> names = new ArrayList<>(List.of("", "`a`", "\"a\"", "[a]", "``", "a`", "`a", "a.b", "`a`.`b`"));
        names.add(null);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = rnd.nextInt(7); k >= 0; k--) {
                s.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
            }
            names.add(s.toString());
        }
        for (String name : names) {
            assertEquals(MultiPartName.unquote(name), BigQuerySyntax.unquote(name), () -> "'" + name + "'");
        }
    }
}
