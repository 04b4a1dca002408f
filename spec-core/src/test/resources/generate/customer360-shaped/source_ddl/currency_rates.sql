CREATE TABLE IF NOT EXISTS `raw.currency_rates` (
  currency STRING NOT NULL,
  rate_to_usd NUMERIC
);
