package io.github.specpipeline.core.report;

import io.github.specpipeline.core.generate.GeneratedFile;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which generated files build which model, for the model pages. The generators name a model's file after the
 * model in every target ({@code sql/duckdb/<model>.sql}, {@code definitions/<layer>/<model>.sqlx},
 * {@code models/<layer>/<model>.sql}, {@code <model>.py}); dbt also has the snapshot
 * {@code snapshots/<model>_history.sql} of an SCD2 model. Test files (one per data test) and project files are
 * not shown on model pages.
 */
public final class GeneratedCode {
    private static final Set<String> NOT_MODEL_FOLDERS = Set.of("tests", "assertions", "sources", "macros");

    private GeneratedCode() {}

    /** Per model name, its files in target order then path order; models without files are left out. */
    public static Map<String, List<ReportExtras.CodeFile>> byModel(
            ValidatedSpec spec, Map<Target, List<GeneratedFile>> files) {
        Map<String, List<ReportExtras.CodeFile>> out = new LinkedHashMap<>();
        Set<String> names = new java.util.HashSet<>();
        spec.spec().models().forEach(m -> names.add(m.name()));
        for (Model m : spec.spec().models()) {
            List<ReportExtras.CodeFile> mine = new ArrayList<>();
            for (Target target : Target.values()) {
                for (GeneratedFile f : files.getOrDefault(target, List.of())) {
                    if (belongsTo(f.path(), m, target, names)) {
                        mine.add(new ReportExtras.CodeFile(
                                target.id(), target.folder() + "/" + f.path(), language(f.path()), f.content()));
                    }
                }
            }
            if (!mine.isEmpty()) {
                out.putIfAbsent(m.name(), mine);
            }
        }
        return out;
    }

    static boolean belongsTo(String path, Model model, Target target, Set<String> modelNames) {
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (NOT_MODEL_FOLDERS.contains(parts[i])) {
                return false;
            }
        }
        String file = parts[parts.length - 1];
        int dot = file.lastIndexOf('.');
        String stem = dot < 0 ? file : file.substring(0, dot);
        if (stem.equals(model.name())) {
            return true;
        }
        return target == Target.DBT
                && path.startsWith("snapshots/")
                && stem.equals(model.name() + "_history")
                && !modelNames.contains(stem);
    }

    /** A highlighting hint from the file name. */
    static String language(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".py")) {
            return "python";
        }
        if (p.endsWith(".yml") || p.endsWith(".yaml")) {
            return "yaml";
        }
        if (p.endsWith(".js")) {
            return "javascript";
        }
        return "sql";
    }
}
