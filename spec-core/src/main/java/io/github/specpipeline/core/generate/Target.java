package io.github.specpipeline.core.generate;

import io.github.specpipeline.core.sql.dialect.Dialect;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A platform code is generated for, its output folder and the SQL dialect its expressions are written in. */
public enum Target {
    DUCKDB("duckdb", "sql/duckdb", Dialect.DUCKDB),
    DATAFORM("dataform", "dataform", Dialect.BIGQUERY),
    DBT("dbt", "dbt", Dialect.BIGQUERY),
    PYSPARK("pyspark", "pyspark", Dialect.SPARK);

    private final String id;
    private final String folder;
    private final Dialect dialect;

    Target(String id, String folder, Dialect dialect) {
        this.id = id;
        this.folder = folder;
        this.dialect = dialect;
    }

    /** The name users write in {@code specpipeline.targets}. */
    public String id() {
        return id;
    }

    /** The folder under the output directory that holds this target's files, and nothing else. */
    public String folder() {
        return folder;
    }

    public Dialect dialect() {
        return dialect;
    }

    public static Optional<Target> parse(String id) {
        for (Target t : values()) {
            if (t.id.equals(id.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * Targets from a comma-separated list ({@code duckdb,dbt}); blank or null means all.
     *
     * @throws IllegalArgumentException naming the unknown entries
     */
    public static Set<Target> parseList(String list) {
        if (list == null || list.isBlank()) {
            return EnumSet.allOf(Target.class);
        }
        Set<Target> out = EnumSet.noneOf(Target.class);
        List<String> unknown = new ArrayList<>();
        for (String part : list.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            parse(part).ifPresentOrElse(out::add, () -> unknown.add(part.strip()));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown target" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + "; the targets are duckdb, dataform, dbt, pyspark");
        }
        return out.isEmpty() ? EnumSet.allOf(Target.class) : out;
    }

    /** The dialects a set of targets renders spec fragments in. */
    public static Set<Dialect> dialects(Set<Target> targets) {
        Set<Dialect> out = EnumSet.noneOf(Dialect.class);
        targets.forEach(t -> out.add(t.dialect));
        return out;
    }
}
