package dev.loyaltylens.store;

import java.time.Instant;

/**
 * One row of the feature registry: what a version was computed from, and where it stands.
 *
 * @param pinnedAt when a user pinned the version so that retention keeps it; null when it is not pinned
 * @param pinNote why it is pinned, as the user wrote it; may be null
 * @param removedAt when retention removed the version's vectors; null while they are kept
 * @param snapshotSha256 the SHA-256 (hex) of its snapshot file as published; null before it is published
 */
public record VersionRecord(
    String version,
    Instant asOf,
    int lookbackDays,
    VersionStatus status,
    long rowCount,
    String sqlHash,
    String inputFingerprint,
    String inputLocation,
    String stagingReport,
    String validationReport,
    Instant createdAt,
    Instant validatedAt,
    Instant publishedAt,
    Instant pinnedAt,
    String pinNote,
    Instant removedAt,
    String snapshotSha256) {

  public boolean isPublished() {
    return status == VersionStatus.PUBLISHED;
  }

  public boolean isPinned() {
    return pinnedAt != null;
  }

  public boolean isRemoved() {
    return status == VersionStatus.REMOVED;
  }
}
