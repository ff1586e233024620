package dev.loyaltylens.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A published version as its readers see it: its columns and its distribution statistics. Its snapshot file is
 * {@link StoreHome#snapshot(String)} of its id.
 *
 * @param statistics per-feature statistics from the validation gate
 * @param snapshotSha256 the SHA-256 of the snapshot file as published, hex; null for a version published before
 *     checksums were kept
 */
public record PublishedVersion(
    String version,
    Instant asOf,
    Instant publishedAt,
    long rowCount,
    List<FeatureColumn> columns,
    VersionStatistics statistics,
    String snapshotSha256) {

  /**
   * The order of "in force": a later as-of wins, and among versions with the same as-of the one published last
   * (then the larger id, so that the order is total).
   */
  public static final Comparator<PublishedVersion> IN_FORCE_ORDER =
      Comparator.comparing(PublishedVersion::asOf)
          .thenComparing(PublishedVersion::publishedAt)
          .thenComparing(PublishedVersion::version);

  public PublishedVersion {
    columns = List.copyOf(columns);
  }

  /** A version whose snapshot has no checksum to be checked against. */
  public PublishedVersion(
      String version, Instant asOf, Instant publishedAt, long rowCount, List<FeatureColumn> columns,
      VersionStatistics statistics) {
    this(version, asOf, publishedAt, rowCount, columns, statistics, null);
  }
}
