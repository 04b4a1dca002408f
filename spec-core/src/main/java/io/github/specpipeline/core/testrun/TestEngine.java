package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.DataTestQuery;
import io.github.specpipeline.core.plan.DuckDbPlan;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * An engine the {@code test} goal builds models and runs tests on, with the SQL of its own target. The test
 * semantics are written once, over this interface: {@link TestRunner} (builds, data tests), {@link UnitTestRunner}
 * (unit tests), {@link ModelRowsCsv} (rows) and {@link EngineComparison} (two engines' rows). The raw tables are
 * filled before an engine is handed to them.
 *
 * <p>A failure is an {@link SQLException} with the engine's message; {@link DuckDbSession.Busy} when a statement
 * could not run because an earlier one is still running past the time limit.
 */
public sealed interface TestEngine permits DuckDbEngine, GoogleSqlEngine, SparkEngine {
    /** Which engine this is. */
    EngineName name();

    /** Every model in dependency order, with the statements that build it in this engine's SQL. */
    List<DuckDbPlan.ModelBuild> models();

    /** Every data test, its failing-rows query in this engine's SQL, in the same order and with the same ids. */
    List<DataTestQuery> tests();

    /** Runs one of {@code model}'s build statements; after the last, the model's table holds its rows. */
    void build(DuckDbPlan.ModelBuild model, String statement) throws SQLException;

    /** Runs a query, keeps its first {@code limit} rows as display text and counts all rows. */
    DuckDbSession.Sample sample(String sql, int limit) throws SQLException;

    /** How a query reads the {@link InputTable} named {@code name}. */
    String inputRelation(String name);

    /**
     * The SELECT of one model with each of its sources read from another relation (unit tests).
     *
     * @param inputs source as written in the model's {@code sources} to the relation that holds its rows
     */
    String modelSelect(Model model, Map<String, String> inputs);

    /** Runs a query with {@code inputs} present for it only; the values as {@link DuckDbSession#rows} gives them. */
    DuckDbSession.Rows query(String sql, List<InputTable> inputs) throws SQLException;

    /**
     * Every row of a built model, in no particular order, values as {@link DuckDbSession#rows} gives them (types
     * without a Java value class, such as arrays and structs, as text).
     */
    DuckDbSession.Rows modelRows(DuckDbPlan.ModelBuild model) throws SQLException;

    /** Frees what the engine holds for itself. */
    void close();
}
