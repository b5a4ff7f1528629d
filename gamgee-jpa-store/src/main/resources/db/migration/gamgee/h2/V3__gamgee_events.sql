
-- Gamgee schema 3 for H2 2.2.220+: events and timers. Idempotent: safe to run again. See SCHEMA.md.
CREATE TABLE IF NOT EXISTS gamgee_event (
    instance_id   VARCHAR(255)                NOT NULL,
    event_id      VARCHAR(255)                NOT NULL,
    event_name    VARCHAR(200)                NOT NULL,
    arrival       BIGINT                      NOT NULL,
    payload       CHARACTER VARYING,
    trace_context VARCHAR(512),
    received_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    consumed_at   TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT gamgee_event_pk PRIMARY KEY (instance_id, event_id)
);
CREATE INDEX IF NOT EXISTS gamgee_event_kept ON gamgee_event (instance_id, consumed_at, arrival);
