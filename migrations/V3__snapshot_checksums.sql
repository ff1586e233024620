-- Snapshot checksums: the SHA-256 of a published version's snapshot file as it was written, so that a file corrupted
-- or replaced later is found, by `publish` (which rebuilds it from the features table) and by the API (which then
-- serves the previous version and says why). Null for versions published before this migration until a publish
-- of them checks their file and records it.
alter table feature_registry add column snapshot_sha256 varchar;
