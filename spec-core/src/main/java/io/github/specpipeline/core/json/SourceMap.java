package io.github.specpipeline.core.json;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each node of a parsed JSON document starts, keyed by JSON pointer. Field names are kept apart
 * from values so that "unknown field" can point at the key and "wrong type" at the value.
 */
public final class SourceMap {
    private final Map<String, Location> values = new HashMap<>();
    private final Map<String, Location> keys = new HashMap<>();

    void putValue(String pointer, Location location) {
        values.putIfAbsent(pointer, location);
    }

    void putKey(String pointer, Location location) {
        keys.putIfAbsent(pointer, location);
    }

    /** The location of the value at {@code pointer}, else of its nearest located ancestor. */
    public Location value(String pointer) {
        String p = pointer;
        while (true) {
            Location location = values.get(p);
            if (location != null) {
                return location;
            }
            if (p.isEmpty()) {
                return Location.UNKNOWN;
            }
            p = parent(p);
        }
    }

    /** The location of the field name that leads to {@code pointer}, else of the value. */
    public Location key(String pointer) {
        Location location = keys.get(pointer);
        return location != null ? location : value(pointer);
    }

    static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    /** Escapes one reference token (RFC 6901: {@code ~} as {@code ~0}, {@code /} as {@code ~1}). */
    public static String token(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
