CREATE TABLE IF NOT EXISTS `raw.addresses` (
  customer_id INT64 NOT NULL,
  country STRING,
  city STRING
);
