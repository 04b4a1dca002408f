CREATE TABLE IF NOT EXISTS `raw.crm_locations` (
  member_id INT64 NOT NULL,
  country STRING,
  city STRING,
  postal_code STRING
);
