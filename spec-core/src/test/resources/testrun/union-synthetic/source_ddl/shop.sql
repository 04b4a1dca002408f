-- Members of each union have the same columns in another order (UNION ALL by name), some INT64 where another
-- member has NUMERIC.
CREATE TABLE `raw.customers_de` (
  customer_id INT64 NOT NULL,
  customer_code STRING,
  country STRING
);

CREATE TABLE `raw.customers_fr` (
  country STRING,
  customer_code STRING,
  customer_id INT64 NOT NULL
);

CREATE TABLE `raw.orders_eu` (
  order_id INT64,
  customer_id INT64,
  status STRING,
  order_ref STRING,
  amount NUMERIC
);

CREATE TABLE `raw.orders_us` (
  status STRING,
  order_ref STRING,
  order_id INT64,
  amount INT64,
  customer_id INT64
);

CREATE TABLE `raw.orders_apac` (
  customer_id INT64,
  amount NUMERIC,
  order_ref STRING,
  status STRING,
  order_id INT64
);

CREATE TABLE `raw.payments_eu` (
  payment_id INT64,
  order_id INT64,
  method STRING
);

CREATE TABLE `raw.payments_us` (
  method STRING,
  order_id INT64,
  payment_id INT64
);

CREATE TABLE `raw.shipments` (
  shipment_id INT64 NOT NULL,
  order_id INT64,
  customer_code STRING
);

-- one table per year (sharded), a row per day
CREATE TABLE `raw.daily_2023` (
  day DATE,
  total NUMERIC
);

CREATE TABLE `raw.daily_2024` (
  total NUMERIC,
  day DATE
);

CREATE TABLE `raw.events_web` (
  event_id INT64,
  kind STRING
);

CREATE TABLE `raw.events_app` (
  kind STRING,
  event_id INT64
);
