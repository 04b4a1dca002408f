CREATE TABLE IF NOT EXISTS `raw.shop_addresses` (
  customer_id INT64 NOT NULL,
  address_type STRING NOT NULL,
  country_code STRING,
  city STRING,
  postal_code STRING,
  is_verified BOOL
);
