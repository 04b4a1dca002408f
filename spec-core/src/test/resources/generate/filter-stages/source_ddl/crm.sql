CREATE TABLE `raw.crm_customers` (
  customer_id INT64 NOT NULL,
  email STRING,
  updated_at TIMESTAMP
);

CREATE TABLE `raw.crm_orders` (
  order_id INT64 NOT NULL,
  customer_id INT64,
  amount NUMERIC,
  status STRING
);
