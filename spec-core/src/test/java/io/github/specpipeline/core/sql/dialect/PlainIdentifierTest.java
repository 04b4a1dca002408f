package io.github.specpipeline.core.sql.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link DialectRules#isPlain} is the regular expression it replaced, on every short string of a mixed alphabet. */
class PlainIdentifierTest {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Boundaries of the ASCII ranges, non-ASCII digits and letters, and what a name must not hold. */
    private static final String ALPHABET = "aAzZ_09/:@[`{-. \u00e9\u0663\u0130\u212a$\n";

    @Test
    void agreesWithTheRegularExpression() {
        List<String> strings = new ArrayList<>(List.of("", "a", "_", "0", "a0", "0a", "select", "order_id"));
        for (char a : ALPHABET.toCharArray()) {
            strings.add(String.valueOf(a));
            for (char b : ALPHABET.toCharArray()) {
                strings.add("" + a + b);
                strings.add("x" + a + b);
            }
        }
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = rnd.nextInt(8); k >= 0; k--) {
                s.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
            }
            strings.add(s.toString());
        }
        for (String s : strings) {
            assertEquals(PLAIN.matcher(s).matches(), DialectRules.isPlain(s), () -> "'" + s + "'");
        }
    }
}
