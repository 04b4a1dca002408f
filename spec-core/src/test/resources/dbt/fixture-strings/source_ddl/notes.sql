CREATE TABLE `raw.notes` (
  note_id INT64 NOT NULL,
  note STRING
);
