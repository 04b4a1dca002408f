-- Forms JSqlParser 5.3 rejects; the token reader reads them.
CREATE OR REPLACE TABLE `proj.sales.events` (
  event_id INT64 NOT NULL OPTIONS(description = "primary; unique"),
  amount numeric(10,2),
  label STRING(100) COLLATE 'und:ci',
  tags ARRAY<STRING>,
  address STRUCT<city STRING, zip STRING NOT NULL>,
  history ARRAY<STRUCT<at TIMESTAMP, `value` NUMERIC(38, 9)>>,
  matrix ARRAY<ARRAY<INT64>>,
  event_ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP(),
  PRIMARY KEY (event_id) NOT ENFORCED
)
PARTITION BY DATE(event_ts)
CLUSTER BY event_id
OPTIONS (description = 'events; with a semicolon in a string');
