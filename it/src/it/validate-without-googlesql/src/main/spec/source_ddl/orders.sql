CREATE TABLE IF NOT EXISTS `raw.orders` (
  order_id INT64 NOT NULL,
  customer_id INT64,
  amount NUMERIC,
  currency STRING,
  order_ts TIMESTAMP
);
CREATE TABLE IF NOT EXISTS `raw.fx` (
  currency STRING NOT NULL,
  rate NUMERIC
);
