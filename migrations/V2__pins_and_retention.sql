-- Pins and retention: which published versions a user keeps on purpose, and which ones `gc` removed.

-- A pinned version is never removed by retention; the note says why it is kept (a model trained on it, an audit).
alter table feature_registry add column pinned_at timestamp;
alter table feature_registry add column pin_note varchar;

-- Set when retention deleted the version's vectors, quarantined rows and snapshot; its status is then `removed`.
alter table feature_registry add column removed_at timestamp;
