-- BigQuery DDL for the changes in current.json (16 changes: 8 breaking, 4 non-breaking, 4 metadata)
-- Statements change the tables in place; a rebuild line means the model's table must be rebuilt by running its generated code.
-- rebuild: stg_orders: the values of amount are computed differently
ALTER TABLE `staging.stg_orders` ALTER COLUMN `qty` SET DATA TYPE NUMERIC;
-- rebuild: stg_orders: code changes type from STRING to INT64, which BigQuery cannot do in place
ALTER TABLE `staging.stg_orders` RENAME COLUMN `legacy_ref` TO `source_ref`;
ALTER TABLE `staging.stg_orders` ADD COLUMN IF NOT EXISTS `channel` STRING;
-- rebuild: stg_orders: the rows stored so far have NULL in channel until the model is rebuilt
ALTER TABLE `staging.stg_orders` DROP COLUMN IF EXISTS `note`;
-- rebuild: int_orders: it is a view: running its generated code replaces it
-- create: dim_dates is a new model; its first run creates `analytics.dim_dates`
-- removed: old_report is no longer in the spec; to drop its table: DROP TABLE IF EXISTS `analytics.old_report`;
