package io.github.specpipeline.core.testcatalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Gives every test an id that no other test of the spec has, ignoring case (ids are file names in every target:
 * DuckDB test queries, dbt singular tests, Dataform assertions, and macOS and Windows compare file names without
 * case).
 *
 * <p>A test's id is its name, {@code <kind>__<model>[__<column>]}, when it is the first test with that name. A later
 * test with the same name (a second test of one kind on one column) gets the name with the lowest suffix
 * {@code _2}, {@code _3}, ... that is no test's name and not yet given. Every name is reserved before any suffix
 * is chosen, so a column named {@code <col>_2} keeps its own name and the second test of {@code <col>} takes
 * {@code _3}: the ids are unique by construction, and a spec without such look-alike names keeps the ids it
 * always had.
 */
final class TestIds {
    private TestIds() {}

    static List<TestCase> assign(List<TestCatalog.Draft> drafts) {
        Set<String> names = new HashSet<>();
        List<Boolean> first = new ArrayList<>(drafts.size());
        for (TestCatalog.Draft d : drafts) {
            first.add(names.add(key(d.name())));
        }
        Set<String> taken = new HashSet<>(names);
        List<TestCase> out = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            TestCatalog.Draft d = drafts.get(i);
            String id = d.name();
            if (!first.get(i)) {
                int n = 2;
                while (!taken.add(key(d.name() + "_" + n))) {
                    n++;
                }
                id = d.name() + "_" + n;
            }
            out.add(d.withId(id));
        }
        return out;
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
