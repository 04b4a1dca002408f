package io.github.specpipeline.core.task;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.log.SpecLog;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code test} goal runs the models as DuckDB SQL, whatever targets the build generates. When
 * {@code specpipeline.targets} leaves {@code duckdb} out, no goal checks that the spec translates to DuckDB, so the
 * test goal checks it itself, and says so plainly rather than failing on SQL it cannot run.
 */
final class DuckDbTranslation {
    private DuckDbTranslation() {}

    /**
     * The errors the spec has in DuckDB only: none when the targets include DuckDB (validation checked it). The spec
     * is loaded again for the targets plus DuckDB, and the errors the first load did not have are DuckDB's.
     */
    static List<Diagnostic> problems(SpecInput input, SpecLoader.Result load) {
        if (input.targets().contains(Target.DUCKDB)) {
            return List.of();
        }
        Set<String> known = load.diagnostics().stream().map(Diagnostic::format).collect(Collectors.toSet());
        Set<Target> withDuckDb = EnumSet.copyOf(input.targets());
        withDuckDb.add(Target.DUCKDB);
        return SpecLoader.load(input.withTargets(withDuckDb)).diagnostics().stream()
                .filter(Diagnostic::isError)
                .filter(d -> !known.contains(d.format()))
                .toList();
    }

    /** Logs the problems and returns the line the goal fails with. */
    static String fail(SpecInput input, List<Diagnostic> problems, SpecLog log) {
        log.error("The test goal runs the models on embedded DuckDB, but the spec does not translate to DuckDB SQL"
                + " (specpipeline.targets is " + input.targetList() + ", so validation did not check it):");
        problems.forEach(d -> log.error(d.format()));
        return "the test goal runs the spec as DuckDB SQL, and the spec does not translate to it: "
                + ValidateTask.plural(problems.size(), "problem") + " in " + input.displayName(input.specFile())
                + " (logged above); no test ran. Rewrite the SQL with functions DuckDB has, or leave the test goal out for"
                + " this spec (-DskipTests); with duckdb in specpipeline.targets, every goal reports these problems";
    }
}
