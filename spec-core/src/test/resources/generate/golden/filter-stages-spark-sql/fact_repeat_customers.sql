WITH
stg_orders AS (
    SELECT *
    FROM staging.stg_orders AS stg_orders
)
SELECT
    stg_orders.customer_id AS customer_id,
    CAST(COUNT(*) AS BIGINT) AS paid_orders,
    CAST(SUM(stg_orders.amount) AS DECIMAL(38,9)) AS paid_amount
FROM stg_orders
WHERE stg_orders.status = 'paid'
GROUP BY stg_orders.customer_id
HAVING COUNT(*) >= 2

