package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.DataTestQuery;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.plan.DuckDbPlanner;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DuckDB as a {@link TestEngine}: the DuckDB target's plan on a session whose raw tables are loaded. The session
 * belongs to the caller, who closes it.
 */
public final class DuckDbEngine implements TestEngine {
    /** Where the input tables of unit tests are created; each is dropped after its query. */
    static final String SCHEMA = "__specpipeline_unit_tests";

    private final DuckDbSession session;
    private final ValidatedSpec spec;
    private final DuckDbPlan plan;
    private final DuckDbPlanner planner;
    private boolean schemaCreated;

    public DuckDbEngine(DuckDbSession session, ValidatedSpec spec, DuckDbPlan plan, DuckDbPlanner planner) {
        this.session = session;
        this.spec = spec;
        this.plan = plan;
        this.planner = planner;
    }

    @Override
    public EngineName name() {
        return EngineName.DUCKDB;
    }

    @Override
    public List<DuckDbPlan.ModelBuild> models() {
        return plan.models();
    }

    @Override
    public List<DataTestQuery> tests() {
        return plan.tests();
    }

    @Override
    public void build(DuckDbPlan.ModelBuild model, String statement) throws SQLException {
        session.execute(statement);
    }

    @Override
    public DuckDbSession.Sample sample(String sql, int limit) throws SQLException {
        return session.sample(sql, limit);
    }

    @Override
    public String inputRelation(String name) {
        return DuckDbSession.quote(SCHEMA) + "." + DuckDbSession.quote(name);
    }

    @Override
    public String modelSelect(Model model, Map<String, String> inputs) {
        return planner.modelSelect(spec, model, inputs);
    }

    @Override
    public DuckDbSession.Rows query(String sql, List<InputTable> inputs) throws SQLException {
        List<String> created = new ArrayList<>();
        try {
            if (!inputs.isEmpty() && !schemaCreated) {
                session.execute("CREATE SCHEMA IF NOT EXISTS " + DuckDbSession.quote(SCHEMA));
                schemaCreated = true;
            }
            for (InputTable t : inputs) {
                String table = inputRelation(t.name());
                List<String> defs = new ArrayList<>();
                for (int i = 0; i < t.columns().size(); i++) {
                    defs.add(DuckDbSession.quote(t.columns().get(i)) + " "
                            + t.types().get(i).duckDbType());
                }
                session.execute("CREATE TABLE " + table + " (" + String.join(", ", defs) + ")");
                created.add(table);
                session.insert(table, t.columns(), t.types(), t.rows());
            }
            return session.rows(sql);
        } finally {
            for (String table : created) {
                try {
                    session.execute("DROP TABLE IF EXISTS " + table);
                } catch (SQLException e) {
                    // the next query uses other names; nothing depends on the drop
                }
            }
        }
    }

    @Override
    public DuckDbSession.Rows modelRows(DuckDbPlan.ModelBuild model) throws SQLException {
        return ModelRowsCsv.rows(session, model.qualifiedName());
    }

    @Override
    public void close() {
        // the session is the caller's
    }
}
