WITH
crm_orders AS (
    SELECT *
    FROM raw.crm_orders AS crm_orders
),
crm_customers AS (
    SELECT *
    FROM raw.crm_customers AS crm_customers
    WHERE TRUE
    QUALIFY ROW_NUMBER() OVER (PARTITION BY crm_customers.customer_id ORDER BY crm_customers.updated_at DESC) = 1
)
SELECT
    crm_orders.order_id AS order_id,
    crm_orders.customer_id AS customer_id,
    crm_orders.amount AS amount,
    crm_orders.status AS status,
    crm_customers.email AS email
FROM crm_orders
LEFT JOIN crm_customers ON crm_orders.customer_id = crm_customers.customer_id

