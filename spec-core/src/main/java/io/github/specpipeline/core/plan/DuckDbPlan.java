package io.github.specpipeline.core.plan;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to run a spec's pipeline and data tests on DuckDB.
 *
 * @param setupStatements statements run once on a fresh database before anything else ({@code CREATE SCHEMA ...})
 * @param rawTables       raw table name (as in the spec, without schema) to its qualified, quoted DuckDB name
 * @param models          one entry per model, in dependency order
 * @param tests           every data test, in a stable order (by model, then column, then kind)
 */
public record DuckDbPlan(
        List<String> setupStatements,
        Map<String, String> rawTables,
        List<ModelBuild> models,
        List<DataTestQuery> tests) {
    public DuckDbPlan {
        setupStatements = List.copyOf(setupStatements);
        rawTables = Map.copyOf(rawTables);
        models = List.copyOf(models);
        tests = List.copyOf(tests);
    }

    /**
     * How one model is built.
     *
     * @param model         the model's name in the spec
     * @param qualifiedName its qualified, quoted DuckDB name, e.g. {@code "staging"."stg_orders"}
     * @param statements    the statements that (re)build it; running them again later must be correct too
     *                      (an SCD2 model closes changed rows and inserts new versions)
     */
    public record ModelBuild(String model, String qualifiedName, List<String> statements) {
        public ModelBuild {
            statements = List.copyOf(statements);
        }
    }
}
