CREATE TABLE `raw.accounts` (
  account_id INT64 NOT NULL,
  region STRING
);

CREATE TABLE `raw.payments` (
  payment_id INT64 NOT NULL,
  account_id INT64,
  amount NUMERIC,
  status STRING,
  paid_at TIMESTAMP,
  updated_at TIMESTAMP
);
