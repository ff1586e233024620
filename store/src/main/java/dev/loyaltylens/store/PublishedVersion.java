package dev.loyaltylens.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A published version as its readers see it: its columns and its distribution statistics. Its
 * snapshot file is {@link StoreHome#snapshot(String)} of its id.
 *
 * @param statistics per-feature statistics from the validation gate
 * @param snapshotSha256 the SHA-256 of the snapshot file as published, hex; null for a version
 *     published before checksums were kept
 * @param withdrawnAt when a rollback to an older version took this one out of force: it stays
 *     published and readable by id, but no as-of lookup chooses it; null for a version in force
 */
public record PublishedVersion(
    String version,
    Instant asOf,
    Instant publishedAt,
    long rowCount,
    List<FeatureColumn> columns,
    VersionStatistics statistics,
    String snapshotSha256,
    Instant withdrawnAt) {

  /**
   * The order of "in force": a later as-of wins, and among versions with the same as-of the one
   * published last (then the larger id, so that the order is total).
   */
  public static final Comparator<PublishedVersion> IN_FORCE_ORDER =
      Comparator.comparing(PublishedVersion::asOf)
          .thenComparing(PublishedVersion::publishedAt)
          .thenComparing(PublishedVersion::version);

  public PublishedVersion {
    columns = List.copyOf(columns);
  }

  /** A version in force whose snapshot has no checksum to be checked against. */
  public PublishedVersion(
      String version,
      Instant asOf,
      Instant publishedAt,
      long rowCount,
      List<FeatureColumn> columns,
      VersionStatistics statistics) {
    this(version, asOf, publishedAt, rowCount, columns, statistics, null, null);
  }

  /** A version in force (never withdrawn by a rollback). */
  public PublishedVersion(
      String version,
      Instant asOf,
      Instant publishedAt,
      long rowCount,
      List<FeatureColumn> columns,
      VersionStatistics statistics,
      String snapshotSha256) {
    this(version, asOf, publishedAt, rowCount, columns, statistics, snapshotSha256, null);
  }

  public boolean isWithdrawn() {
    return withdrawnAt != null;
  }
}
