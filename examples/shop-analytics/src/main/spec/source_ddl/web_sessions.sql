CREATE TABLE IF NOT EXISTS `raw.web_sessions` (
  session_id STRING NOT NULL,
  customer_id INT64,
  started_at TIMESTAMP,
  landing_url STRING,
  device STRING,
  duration_seconds FLOAT64,
  loaded_at TIMESTAMP NOT NULL
);
