CREATE TABLE IF NOT EXISTS `raw.helpdesk_tickets` (
  ticket_id INT64 NOT NULL,
  member_id INT64,
  status STRING,
  opened_at TIMESTAMP
);
