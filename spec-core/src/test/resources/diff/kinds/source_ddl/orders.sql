CREATE TABLE IF NOT EXISTS `raw.orders` (
  order_id INT64 NOT NULL,
  customer_id INT64,
  amount NUMERIC,
  status STRING,
  note STRING,
  qty INT64,
  code STRING,
  legacy STRING,
  channel STRING
);
