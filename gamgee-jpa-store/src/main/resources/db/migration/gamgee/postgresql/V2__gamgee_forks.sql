
-- Gamgee schema 2 for PostgreSQL 12+: forks and joins. Idempotent: safe to run again. See SCHEMA.md.
ALTER TABLE gamgee_instance ADD COLUMN IF NOT EXISTS parent_id VARCHAR(255);
ALTER TABLE gamgee_instance ADD COLUMN IF NOT EXISTS branch_index INTEGER NOT NULL DEFAULT 0;
ALTER TABLE gamgee_instance ADD COLUMN IF NOT EXISTS pending_branches INTEGER NOT NULL DEFAULT 0;
ALTER TABLE gamgee_instance ADD COLUMN IF NOT EXISTS failed_branches INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS gamgee_instance_branches ON gamgee_instance (parent_id, created_at, branch_index);
