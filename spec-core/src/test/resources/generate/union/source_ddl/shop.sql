CREATE TABLE `raw.orders_eu` (
  order_id INT64 NOT NULL,
  customer_id INT64,
  amount NUMERIC,
  currency STRING,
  ordered_at DATE
);

-- the same columns in another order, and amount as INT64 (the union widens it to NUMERIC)
CREATE TABLE `raw.orders_us` (
  customer_id INT64,
  order_id INT64 NOT NULL,
  ordered_at DATE,
  currency STRING,
  amount INT64
);

CREATE TABLE `raw.customers` (
  customer_id INT64 NOT NULL,
  country STRING
);

CREATE TABLE `raw.refunds_eu` (
  refund_id INT64 NOT NULL,
  order_id INT64,
  amount NUMERIC
);

CREATE TABLE `raw.refunds_us` (
  amount NUMERIC,
  order_id INT64,
  refund_id INT64 NOT NULL
);
