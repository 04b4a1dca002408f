CREATE TABLE `raw.orders_eu` (
  order_id INT64 NOT NULL,
  amount NUMERIC,
  note STRING
);

CREATE TABLE `raw.orders_us` (
  order_id INT64 NOT NULL,
  amount NUMERIC,
  note STRING
);
