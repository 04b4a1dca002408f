CREATE TABLE IF NOT EXISTS `raw.shop_orders` (
  order_id INT64 NOT NULL,
  customer_id INT64 NOT NULL,
  order_date DATE,
  currency STRING,
  status STRING,
  total_amount NUMERIC,
  updated_at TIMESTAMP
);
