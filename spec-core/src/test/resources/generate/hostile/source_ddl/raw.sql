CREATE TABLE `raw.from` (
  `select` INT64 NOT NULL,
  `order` STRING,
  note STRING,
  amount NUMERIC
);
CREATE TABLE `raw.other` (
  `select` INT64 NOT NULL,
  label STRING
);
