# BigQuery also accepts '#' comments
CREATE TABLE `raw`.`commerce_order_items` (
  order_id INT64,
  quantity INT64,
  refund_amount NUMERIC
)
