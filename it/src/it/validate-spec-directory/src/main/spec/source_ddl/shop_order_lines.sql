CREATE TABLE IF NOT EXISTS `raw.shop_order_lines` (
  order_id INT64 NOT NULL,
  line_no INT64 NOT NULL,
  sku STRING,
  quantity INT64,
  unit_price NUMERIC,
  discount NUMERIC
);
