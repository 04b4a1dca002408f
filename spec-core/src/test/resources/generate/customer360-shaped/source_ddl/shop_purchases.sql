CREATE TABLE IF NOT EXISTS `raw.shop_purchases` (
  purchase_id INT64 NOT NULL,
  member_id INT64 NOT NULL,
  purchased_at TIMESTAMP,
  currency STRING,
  total NUMERIC
);
