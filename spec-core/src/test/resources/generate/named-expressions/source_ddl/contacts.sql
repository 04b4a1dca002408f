CREATE TABLE `raw.contacts` (
  contact_id INT64 NOT NULL,
  email STRING,
  phone STRING,
  score INT64
);
