CREATE TABLE `raw.orders` (
  order_id INT64 NOT NULL,
  customer_id INT64,
  amount NUMERIC,
  order_date DATE
);
