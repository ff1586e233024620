-- Rollback: which published version is the latest, and which ones a rollback took out of force.

-- When the version last became the latest: its publish, or a rollback to it. "Latest" is the version made
-- current last, so that a rollback holds for every reader of the registry and of the manifest.
alter table feature_registry add column current_since timestamp;
update feature_registry set current_since = published_at where published_at is not null;

-- Set when a rollback to an older version took this one out of force: it stays published and readable by id,
-- but no lookup by as-of instant chooses it. Cleared when a rollback makes it current again.
alter table feature_registry add column withdrawn_at timestamp;
