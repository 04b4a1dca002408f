CREATE TABLE raw.fx_rates (currency STRING NOT NULL, rate_to_usd NUMERIC);
CREATE TABLE raw.support_tickets (customer_id INT64, created_at TIMESTAMP, status STRING);
