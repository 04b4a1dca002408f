CREATE TABLE IF NOT EXISTS `raw.customers` (
  customer_id INT64 NOT NULL,
  email STRING,
  status STRING,
  country STRING,
  created_at TIMESTAMP
);
