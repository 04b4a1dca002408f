CREATE TABLE IF NOT EXISTS `raw.shop_customers` (
  customer_id INT64 NOT NULL,
  email STRING,
  full_name STRING,
  phone STRING,
  signup_channel STRING,
  status STRING,
  created_at TIMESTAMP,
  updated_at TIMESTAMP
);
