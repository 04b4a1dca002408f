WITH
crm_customers AS (
    SELECT *
    FROM raw.crm_customers AS crm_customers
)
SELECT
    crm_customers.customer_id AS customer_id,
    crm_customers.email AS email,
    crm_customers.updated_at AS updated_at
FROM crm_customers
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY crm_customers.customer_id ORDER BY crm_customers.updated_at DESC) = 1

