CREATE TABLE IF NOT EXISTS `raw.crm_members` (
  member_id INT64 NOT NULL,
  email STRING,
  phone STRING,
  status STRING,
  created_at TIMESTAMP NOT NULL
);
