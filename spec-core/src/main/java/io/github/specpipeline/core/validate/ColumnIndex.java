package io.github.specpipeline.core.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A relation's columns by name, any case: the first column whose name {@link String#equalsIgnoreCase equals} the
 * name asked, as a scan of the list finds it. Validation and planning look up every column reference of every
 * fragment in its relation; the scans were a tenth of a warm 10,000-model load ({@code performance.md}).
 *
 * <p>The first few look-ups scan (most relations are asked little, and a map costs more to build than a few
 * scans); after that the names are keyed by their lower case when every name is ASCII, where that is exactly
 * {@code equalsIgnoreCase}. A non-ASCII name asked (the Kelvin sign equals {@code k} ignoring case), or any
 * look-up in a relation with a non-ASCII name, scans. Not thread-safe.
 */
public final class ColumnIndex {
    /** Look-ups that scan before the map is built. */
    private static final int SCANS = 4;

    private final List<Column> columns;
    private int lookups;
    /** By lower-case ASCII name, once built. */
    private Map<String, Column> byName;
    /** Whether a column's name is null or not ASCII: never build the map. */
    private boolean scanOnly;

    private ColumnIndex(List<Column> columns) {
        this.columns = columns;
    }

    /** The index of {@code columns} (null: null). */
    public static ColumnIndex of(List<Column> columns) {
        return columns == null ? null : new ColumnIndex(columns);
    }

    /** The first column named {@code name} in any case, or null; a null name has none. */
    public Column get(String name) {
        if (name == null) {
            return null;
        }
        if (byName == null && !scanOnly && ++lookups > SCANS) {
            build();
        }
        if (byName != null && isAscii(name)) {
            return byName.get(name.toLowerCase(Locale.ROOT));
        }
        for (Column c : columns) {
            if (c.name() != null && c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    private void build() {
        Map<String, Column> map = new HashMap<>(columns.size() * 2);
        for (Column c : columns) {
            if (c.name() == null || !isAscii(c.name())) {
                scanOnly = true;
                return;
            }
            map.putIfAbsent(c.name().toLowerCase(Locale.ROOT), c);
        }
        byName = map;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
