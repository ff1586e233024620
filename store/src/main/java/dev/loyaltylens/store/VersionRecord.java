package dev.loyaltylens.store;

import java.time.Instant;

/** One row of the feature registry: what a version was computed from, and where it stands. */
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
    Instant publishedAt) {

  public boolean isPublished() {
    return status == VersionStatus.PUBLISHED;
  }
}
