
-- Gamgee schema 3 for MariaDB 10.6+ (InnoDB): events and timers. Idempotent: safe to run again. See SCHEMA.md.
CREATE TABLE IF NOT EXISTS gamgee_event (
    instance_id   VARCHAR(255)                NOT NULL,
    event_id      VARCHAR(255)                NOT NULL,
    event_name    VARCHAR(200)                NOT NULL,
    arrival       BIGINT                      NOT NULL,
    payload       LONGTEXT,
    trace_context VARCHAR(512),
    received_at   DATETIME(6)                 NOT NULL,
    consumed_at   DATETIME(6),
    PRIMARY KEY (instance_id, event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS gamgee_event_kept ON gamgee_event (instance_id, consumed_at, arrival);
