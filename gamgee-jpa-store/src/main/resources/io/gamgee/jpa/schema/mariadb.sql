-- Gamgee schema for MariaDB 10.6+ (InnoDB). Idempotent: safe to run again. See SCHEMA.md.
CREATE TABLE IF NOT EXISTS gamgee_instance (
    instance_id            VARCHAR(255)             NOT NULL,
    workflow_type          VARCHAR(200)             NOT NULL,
    step                   VARCHAR(200)             NOT NULL,
    payload                LONGTEXT                     NOT NULL,
    status                 VARCHAR(16)              NOT NULL,
    attempts               INTEGER                  NOT NULL,
    run_after              DATETIME(6) NOT NULL,
    claimable_at           DATETIME(6) NOT NULL,
    lease_owner            VARCHAR(255),
    lease_until            DATETIME(6),
    trace_context          VARCHAR(512),
    diagram_hash           VARCHAR(128)             NOT NULL,
    version                BIGINT                   NOT NULL,
    created_at             DATETIME(6) NOT NULL,
    updated_at             DATETIME(6) NOT NULL,
    last_error_type        VARCHAR(255),
    last_error_message     TEXT,
    last_error_stack_trace MEDIUMTEXT,
    PRIMARY KEY (instance_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS gamgee_instance_claim ON gamgee_instance (status, workflow_type, claimable_at, instance_id);
CREATE INDEX IF NOT EXISTS gamgee_instance_claim_step ON gamgee_instance (status, workflow_type, step, claimable_at, instance_id);
CREATE INDEX IF NOT EXISTS gamgee_instance_claim_any ON gamgee_instance (status, claimable_at, instance_id);

CREATE TABLE IF NOT EXISTS gamgee_step_history (
    id          BIGINT AUTO_INCREMENT,
    instance_id VARCHAR(255)             NOT NULL,
    step        VARCHAR(200)             NOT NULL,
    attempt     INTEGER                  NOT NULL,
    worker_id   VARCHAR(255),
    started_at  DATETIME(6),
    finished_at DATETIME(6),
    outcome     VARCHAR(16)              NOT NULL,
    next_step   VARCHAR(200),
    error       TEXT,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX IF NOT EXISTS gamgee_step_history_instance ON gamgee_step_history (instance_id, id);

-- Gamgee schema 2 for MariaDB 10.6+ (InnoDB): forks and joins. Idempotent: safe to run again. See SCHEMA.md.
ALTER TABLE gamgee_instance ADD COLUMN IF NOT EXISTS parent_id VARCHAR(255);
ALTER TABLE gamgee_instance ADD COLUMN IF NOT EXISTS branch_index INTEGER NOT NULL DEFAULT 0;
ALTER TABLE gamgee_instance ADD COLUMN IF NOT EXISTS pending_branches INTEGER NOT NULL DEFAULT 0;
ALTER TABLE gamgee_instance ADD COLUMN IF NOT EXISTS failed_branches INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS gamgee_instance_branches ON gamgee_instance (parent_id, created_at, branch_index);

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

-- Gamgee schema 4 for MariaDB 10.6+ (InnoDB): the listing index (a workflow type's instances in creation order,
-- whatever their status). Idempotent: safe to run again. See SCHEMA.md.
CREATE INDEX IF NOT EXISTS gamgee_instance_listing ON gamgee_instance (workflow_type, created_at, instance_id);
