package dev.loyaltylens.store;

import java.time.Instant;
import java.util.Comparator;

/**
 * One row of the feature registry: what a version was computed from, and where it stands.
 *
 * @param pinnedAt when a user pinned the version so that retention keeps it; null when it is not
 *     pinned
 * @param pinNote why it is pinned, as the user wrote it; may be null
 * @param removedAt when retention removed the version's vectors; null while they are kept
 * @param snapshotSha256 the SHA-256 (hex) of its snapshot file as published; null before it is
 *     published
 * @param currentSince when the version last became the latest: its publish, or a rollback to it;
 *     null before
 * @param withdrawnAt when a rollback to an older version took it out of force; null while it is in
 *     force
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
    String snapshotSha256,
    Instant currentSince,
    Instant withdrawnAt) {

  /** A version that was never made current nor withdrawn, as a computation records it. */
  public VersionRecord(
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
    this(
        version,
        asOf,
        lookbackDays,
        status,
        rowCount,
        sqlHash,
        inputFingerprint,
        inputLocation,
        stagingReport,
        validationReport,
        createdAt,
        validatedAt,
        publishedAt,
        pinnedAt,
        pinNote,
        removedAt,
        snapshotSha256,
        null,
        null);
  }

  /**
   * Published versions, the latest first: the one made current last (published, or rolled back to),
   * and so on back; the registry's {@code latestPublished} is the first of them.
   */
  public static final Comparator<VersionRecord> LATEST_FIRST =
      Comparator.comparing(
              VersionRecord::madeCurrentAt,
              Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
          .thenComparing(VersionRecord::version)
          .reversed();

  /**
   * When the version last became the latest; its publish time for a row written before rollbacks
   * existed.
   */
  public Instant madeCurrentAt() {
    return currentSince != null ? currentSince : publishedAt;
  }

  public boolean isPublished() {
    return status == VersionStatus.PUBLISHED;
  }

  public boolean isPinned() {
    return pinnedAt != null;
  }

  public boolean isRemoved() {
    return status == VersionStatus.REMOVED;
  }

  public boolean isWithdrawn() {
    return withdrawnAt != null;
  }
}
