package io.github.specpipeline.core.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Generated files that would be one file on disk: the same path, or paths that differ only in case (one file on
 * macOS and Windows, whose file systems ignore case). Test ids and dbt snapshot names are unique by construction;
 * what is left is a model named like a file every spec gets ({@code run}, {@code Run_All}, ...).
 */
public final class FileClashes {
    private FileClashes() {}

    /**
     * Two files that clash.
     *
     * @param first  the file met first, with its path under the output directory ({@code sql/duckdb/run.sql})
     * @param second the later one; {@link #pointer()} says where the clash is reported
     */
    public record Clash(String firstPath, GeneratedFile first, String secondPath, GeneratedFile second) {
        /** Where the spec names the clashing file: the file whose name comes from the spec, the later if both do. */
        public String pointer() {
            return second.pointer().isEmpty() ? first.pointer() : second.pointer();
        }

        /** Names the file the reported spec element makes first. */
        public String message() {
            boolean secondNamed = !second.pointer().isEmpty();
            String named = secondNamed ? secondPath : firstPath;
            String other = secondNamed ? firstPath : secondPath;
            String why = named.equals(other)
                    ? "both would be generated as " + named
                    : named + " and " + other + " differ only in case, and are one file on macOS and Windows";
            return "two generated files clash: " + why;
        }
    }

    /** The clashes among the files of each target, in target and file order. */
    public static List<Clash> find(Map<Target, List<GeneratedFile>> files) {
        List<Clash> clashes = new ArrayList<>();
        Map<String, String> paths = new HashMap<>();
        Map<String, GeneratedFile> byKey = new HashMap<>();
        for (Map.Entry<Target, List<GeneratedFile>> e : files.entrySet()) {
            for (GeneratedFile f : e.getValue()) {
                String path = e.getKey().folder() + "/" + f.path();
                String key = path.toLowerCase(Locale.ROOT);
                GeneratedFile earlier = byKey.putIfAbsent(key, f);
                if (earlier != null) {
                    clashes.add(new Clash(paths.get(key), earlier, path, f));
                } else {
                    paths.put(key, path);
                }
            }
        }
        return clashes;
    }
}
