package io.github.specpipeline.core.plan;

import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.Map;

/** Implemented by the DuckDB code generator. */
public interface DuckDbPlanner {
    /** The plan for a spec without errors. */
    DuckDbPlan plan(ValidatedSpec spec);

    /**
     * The SELECT of one model with each of its sources read from another relation, for unit tests: only the
     * model under test runs, on the given rows.
     *
     * @param inputs source as written in the model's {@code sources} (e.g. {@code raw.orders}, {@code stg_customers})
     *               to the quoted DuckDB relation that holds the given rows; every source of the model is present
     */
    String modelSelect(ValidatedSpec spec, Model model, Map<String, String> inputs);
}
