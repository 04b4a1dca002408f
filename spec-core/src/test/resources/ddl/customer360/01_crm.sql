-- CRM source tables (this file starts with a UTF-8 byte order mark)
CREATE TABLE IF NOT EXISTS `raw.crm_customers` (
  customer_id INT64 NOT NULL,
  email STRING,
  phone STRING,
  status STRING,
  created_at TIMESTAMP,
  updated_at TIMESTAMP
);

/* addresses: one row per customer;
   a second statement in the same file */
CREATE TABLE IF NOT EXISTS `raw.crm_addresses` (
  customer_id INT64 NOT NULL,
  country STRING,
  city STRING,
  state STRING,
  postal_code STRING,
  created_at TIMESTAMP,
  updated_at TIMESTAMP
);
