package io.github.specpipeline.core.testrun;

import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.DataTestQuery;
import io.github.specpipeline.core.plan.DuckDbPlan;
import io.github.specpipeline.core.plan.DuckDbPlanner;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.List;
import java.util.Map;

/**
 * A DuckDB plan written by hand for {@code testing/mini/spec.json}, standing in for the code generator so the
 * runner can be tested on its own: the SQL is what a generator would produce for that spec.
 */
final class MiniPlanner implements DuckDbPlanner {
    static final String CUSTOMERS = "\"staging\".\"stg_customers\"";
    static final String ORDERS = "\"analytics\".\"fact_orders\"";

    @Override
    public DuckDbPlan plan(ValidatedSpec spec) {
        Model stg = spec.spec().model("stg_customers").orElseThrow();
        Model fact = spec.spec().model("fact_orders").orElseThrow();
        return new DuckDbPlan(
                List.of(
                        "CREATE SCHEMA IF NOT EXISTS \"raw\"",
                        "CREATE SCHEMA IF NOT EXISTS \"staging\"",
                        "CREATE SCHEMA IF NOT EXISTS \"analytics\""),
                Map.of("customers", "\"raw\".\"customers\"", "orders", "\"raw\".\"orders\""),
                List.of(
                        new DuckDbPlan.ModelBuild(
                                "stg_customers",
                                CUSTOMERS,
                                List.of("CREATE OR REPLACE TABLE " + CUSTOMERS + " AS "
                                        + modelSelect(spec, stg, Map.of("raw.customers", "\"raw\".\"customers\"")))),
                        new DuckDbPlan.ModelBuild(
                                "fact_orders",
                                ORDERS,
                                List.of("CREATE OR REPLACE TABLE " + ORDERS + " AS "
                                        + modelSelect(
                                                spec,
                                                fact,
                                                Map.of(
                                                        "raw.orders",
                                                        "\"raw\".\"orders\"",
                                                        "stg_customers",
                                                        CUSTOMERS))))),
                List.of(
                        test(
                                "not_null",
                                "stg_customers",
                                "customer_id",
                                "customer_id is never null",
                                "/models/0/column_mapping/0/tests/0",
                                "SELECT * FROM " + CUSTOMERS + " WHERE customer_id IS NULL"),
                        test(
                                "unique",
                                "stg_customers",
                                "customer_id",
                                "customer_id is unique",
                                "/models/0/column_mapping/0/tests/1",
                                "SELECT customer_id, COUNT(*) AS n FROM " + CUSTOMERS
                                        + " WHERE customer_id IS NOT NULL GROUP BY customer_id HAVING COUNT(*) > 1"),
                        test(
                                "not_null",
                                "stg_customers",
                                "status",
                                "status is never null",
                                "/models/0/column_mapping/2/tests/0",
                                "SELECT * FROM " + CUSTOMERS + " WHERE status IS NULL"),
                        test(
                                "accepted_values",
                                "stg_customers",
                                "status",
                                "status is one of 'active', 'churned'",
                                "/models/0/column_mapping/2/tests/1",
                                "SELECT * FROM " + CUSTOMERS
                                        + " WHERE status IS NOT NULL AND status NOT IN ('active', 'churned')"),
                        test(
                                "primary_key",
                                "stg_customers",
                                null,
                                "primary key (customer_id) is unique and not null",
                                "/models/0/constraints/primary_key",
                                "SELECT customer_id, COUNT(*) AS n FROM " + CUSTOMERS
                                        + " GROUP BY customer_id HAVING COUNT(*) > 1 OR customer_id IS NULL"),
                        test(
                                "not_null",
                                "fact_orders",
                                "customer_id",
                                "customer_id is never null",
                                "/models/1/column_mapping/1/nullable",
                                "SELECT * FROM " + ORDERS + " WHERE customer_id IS NULL"),
                        test(
                                "relationships",
                                "fact_orders",
                                "customer_id",
                                "customer_id exists in stg_customers.customer_id",
                                "/models/1/column_mapping/1/tests/0",
                                "SELECT child.* FROM " + ORDERS
                                        + " AS child WHERE child.customer_id IS NOT NULL AND NOT EXISTS ("
                                        + "SELECT 1 FROM " + CUSTOMERS
                                        + " AS parent WHERE parent.customer_id = child.customer_id)"),
                        test(
                                "expression",
                                "fact_orders",
                                "amount",
                                "amount >= 0",
                                "/models/1/column_mapping/2/tests/0",
                                "SELECT * FROM " + ORDERS + " WHERE NOT (amount >= 0)"),
                        test(
                                "not_null",
                                "fact_orders",
                                "order_id",
                                "order_id is never null",
                                "/models/1/column_mapping/0/nullable",
                                "SELECT * FROM " + ORDERS + " WHERE order_id IS NULL"),
                        test(
                                "unique",
                                "fact_orders",
                                "order_id",
                                "order_id is unique",
                                "/models/1/column_mapping/0/tests/0",
                                "SELECT order_id, COUNT(*) AS n FROM " + ORDERS
                                        + " WHERE order_id IS NOT NULL GROUP BY order_id HAVING COUNT(*) > 1"),
                        test(
                                "primary_key",
                                "fact_orders",
                                null,
                                "primary key (order_id) is unique and not null",
                                "/models/1/constraints/primary_key",
                                "SELECT order_id, COUNT(*) AS n FROM " + ORDERS
                                        + " GROUP BY order_id HAVING COUNT(*) > 1 OR order_id IS NULL")));
    }

    private static DataTestQuery test(
            String kind, String model, String column, String description, String pointer, String sql) {
        return new DataTestQuery(
                kind + "__" + model + (column == null ? "" : "__" + column),
                model,
                column,
                kind,
                description,
                pointer,
                sql);
    }

    @Override
    public String modelSelect(ValidatedSpec spec, Model model, Map<String, String> inputs) {
        return switch (model.name()) {
            case "stg_customers" ->
                "SELECT customers.customer_id AS customer_id, LOWER(TRIM(customers.email)) AS email, "
                        + "customers.status AS status, customers.created_at AS created_at FROM "
                        + inputs.get("raw.customers")
                        + " AS customers";
            case "fact_orders" ->
                "SELECT orders.order_id AS order_id, orders.customer_id AS customer_id, "
                        + "orders.amount AS amount, orders.order_date AS order_date, stg_customers.email AS customer_email FROM "
                        + inputs.get("raw.orders") + " AS orders LEFT JOIN " + inputs.get("stg_customers")
                        + " AS stg_customers ON orders.customer_id = stg_customers.customer_id";
            default -> throw new IllegalArgumentException(model.name());
        };
    }
}
