CREATE TABLE `raw.payments` (
  payment_id INT64 NOT NULL,
  account_id INT64,
  amount NUMERIC,
  paid_on DATE,
  channel STRING
);
