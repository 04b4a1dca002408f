CREATE TABLE `raw.accounts` (
  account_id INT64 NOT NULL,
  email STRING,
  tier STRING,
  opened_at TIMESTAMP
);
