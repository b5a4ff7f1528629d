
-- Gamgee schema 4 for H2 2.2.220+: the listing index (a workflow type's instances in creation order,
-- whatever their status). Idempotent: safe to run again. See SCHEMA.md.
CREATE INDEX IF NOT EXISTS gamgee_instance_listing ON gamgee_instance (workflow_type, created_at, instance_id);
