-- Raw tables of the hostile-text spec. Column names that are keywords of Mermaid or SQL-ish words on purpose.
CREATE TABLE IF NOT EXISTS `raw.events` (
  event_id INT64 NOT NULL,
  user_id INT64,
  `end` STRING,
  o STRING,
  x STRING,
  style STRING,
  payload STRING,
  amount NUMERIC,
  created_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS `raw.users` (
  user_id INT64 NOT NULL,
  email STRING,
  note STRING,
  country STRING
);
