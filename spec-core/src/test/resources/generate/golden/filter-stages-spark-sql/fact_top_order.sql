WITH
stg_orders AS (
    SELECT *
    FROM staging.stg_orders AS stg_orders
)
SELECT
    stg_orders.customer_id AS customer_id,
    stg_orders.order_id AS order_id,
    stg_orders.amount AS amount
FROM stg_orders
WHERE stg_orders.customer_id IS NOT NULL
QUALIFY ROW_NUMBER() OVER (PARTITION BY stg_orders.customer_id ORDER BY stg_orders.amount DESC, stg_orders.order_id) = 1

