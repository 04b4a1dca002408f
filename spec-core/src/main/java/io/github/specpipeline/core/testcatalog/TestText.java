package io.github.specpipeline.core.testcatalog;

import io.github.specpipeline.core.model.DataTest;
import io.github.specpipeline.core.model.Literal;
import java.util.stream.Collectors;

/**
 * How a test reads, written once for every format: its label (the kind and arguments, {@code
 * accepted_values('a', 'b')}), which the review tables show as the test, and its description (what it checks, one
 * line), which the review, the generated code's comments and the test reports show.
 */
public final class TestText {
    private TestText() {}

    /** The text of one test as a reviewer reads it: its kind and arguments. */
    public static String label(TestCase.Check c) {
        if (c instanceof TestCase.AcceptedValues av) {
            return "accepted_values("
                    + av.values().stream().map(TestText::literal).collect(Collectors.joining(", ")) + ")";
        }
        if (c instanceof TestCase.Relationships r) {
            return "relationships(" + r.to().text() + "." + r.field() + ")";
        }
        if (c instanceof TestCase.Expression e) {
            return "expression(" + e.sql() + ")";
        }
        if (c instanceof TestCase.PrimaryKey pk) {
            return "primary_key(" + String.join(", ", pk.columns()) + ")";
        }
        if (c instanceof TestCase.GroupKeyUnique g) {
            return "group_key_unique(" + String.join(", ", g.columns()) + ")";
        }
        if (c instanceof TestCase.Scd2OneCurrent o) {
            return "scd2_one_current(" + String.join(", ", o.naturalKey()) + ")";
        }
        if (c instanceof TestCase.Scd2NoOverlap o) {
            return "scd2_no_overlap(" + String.join(", ", o.naturalKey()) + ")";
        }
        return c.kind();
    }

    /** The text of one declared test, as a reviewer reads it. */
    public static String label(DataTest t) {
        if (t instanceof DataTest.AcceptedValues av) {
            if (av.values().isEmpty()) {
                return "accepted_values(...)";
            }
            return "accepted_values("
                    + av.values().stream().map(TestText::literal).collect(Collectors.joining(", ")) + ")";
        }
        if (t instanceof DataTest.Relationships r) {
            return "relationships(" + r.to() + "." + r.field() + ")";
        }
        if (t instanceof DataTest.Expression e) {
            return "expression(" + e.sql() + ")";
        }
        return t.kind();
    }

    /** A literal as SQL would show it: strings quoted, NULL as NULL. */
    public static String literal(Literal l) {
        if (l.isNull()) {
            return "NULL";
        }
        if (l.kind() == Literal.Kind.STRING) {
            return "'" + l.text().replace("'", "''") + "'";
        }
        return l.text();
    }

    /** What the test checks, one line a person reads ({@code customer_id is never null}). */
    public static String describe(String column, TestCase.Check check) {
        if (check instanceof TestCase.NotNull) {
            return column + " is never null";
        }
        if (check instanceof TestCase.Unique) {
            return column + " is unique";
        }
        if (check instanceof TestCase.AcceptedValues av) {
            return column + " is one of "
                    + av.values().stream().map(TestText::show).collect(Collectors.joining(", "));
        }
        if (check instanceof TestCase.Relationships r) {
            return column + " exists in " + r.to().text() + "." + r.field();
        }
        if (check instanceof TestCase.Expression e) {
            return "every row satisfies " + oneLine(e.sql());
        }
        if (check instanceof TestCase.PrimaryKey pk) {
            return "primary key (" + String.join(", ", pk.columns()) + ") is unique and never null";
        }
        if (check instanceof TestCase.GroupKeyUnique g) {
            return "one row per (" + String.join(", ", g.columns()) + ")";
        }
        if (check instanceof TestCase.Scd2OneCurrent s) {
            return "each " + String.join(", ", s.naturalKey()) + " has exactly one current version";
        }
        TestCase.Scd2NoOverlap s = (TestCase.Scd2NoOverlap) check;
        return "versions of each " + String.join(", ", s.naturalKey()) + " do not overlap";
    }

    /** A value in a sentence: quoted but, unlike {@link #literal}, not SQL, so a quote in it is not doubled. */
    private static String show(Literal l) {
        return switch (l.kind()) {
            case STRING -> "'" + l.text() + "'";
            case NULL -> "NULL";
            case NUMBER, BOOLEAN -> l.text();
        };
    }

    private static String oneLine(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }
}
