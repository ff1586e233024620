package dev.loyaltylens.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code feature_registry} table: one row per version. "Latest" is the published version made
 * current last, by its publish or by a rollback to it, never the largest id.
 */
public final class Registry {

  private static final String COLUMNS =
      """
      version, as_of, lookback_days, status, row_count, sql_hash, input_fingerprint, input_location,
      staging_report, validation_report, created_at, validated_at, published_at
      """;

  /**
   * What a read returns: the columns a computation writes, plus the pin and retention columns of V2
   * and the snapshot checksum of V3 and the rollback columns of V5.
   */
  private static final String READ_COLUMNS =
      COLUMNS.strip()
          + ", pinned_at, pin_note, removed_at, snapshot_sha256, current_since, withdrawn_at";

  /**
   * The latest first ({@link VersionRecord#LATEST_FIRST}); rows of older writers have no
   * current_since.
   */
  private static final String LATEST_ORDER =
      "order by coalesce(current_since, published_at) desc, version desc";

  private final Handle handle;

  Registry(Handle handle) {
    this.handle = handle;
  }

  public Optional<VersionRecord> find(String version) {
    return handle
        .createQuery("select " + READ_COLUMNS + " from feature_registry where version = :version")
        .bind("version", version)
        .map((rs, ctx) -> read(rs))
        .findOne();
  }

  public VersionRecord require(String version) {
    return find(version).orElseThrow(() -> new UnknownVersionException(version));
  }

  /** Every version, oldest as-of first. */
  public List<VersionRecord> all() {
    return handle
        .createQuery(
            "select " + READ_COLUMNS + " from feature_registry order by as_of, created_at, version")
        .map((rs, ctx) -> read(rs))
        .list();
  }

  public List<VersionRecord> published() {
    return all().stream().filter(VersionRecord::isPublished).toList();
  }

  public Optional<VersionRecord> latestPublished() {
    return handle
        .createQuery(
            "select "
                + READ_COLUMNS
                + " from feature_registry where status = 'published' "
                + LATEST_ORDER
                + " limit 1")
        .map((rs, ctx) -> read(rs))
        .findOne();
  }

  /** Records a freshly computed version, replacing an unpublished row of the same id (a rerun). */
  public void recordComputed(VersionRecord record) {
    handle
        .createUpdate(
            "delete from feature_registry where version = :version and status <> 'published'")
        .bind("version", record.version())
        .execute();
    handle
        .createUpdate(
            "insert into feature_registry ("
                + COLUMNS
                + ") values (:version, :asOf, :lookbackDays, :status,"
                + " :rowCount, :sqlHash, :inputFingerprint, :inputLocation, :stagingReport, null, :createdAt,"
                + " null, null)")
        .bind("version", record.version())
        .bind("asOf", timestamp(record.asOf()))
        .bind("lookbackDays", record.lookbackDays())
        .bind("status", VersionStatus.COMPUTED.dbValue())
        .bind("rowCount", record.rowCount())
        .bind("sqlHash", record.sqlHash())
        .bind("inputFingerprint", record.inputFingerprint())
        .bind("inputLocation", record.inputLocation())
        .bind("stagingReport", record.stagingReport())
        .bind("createdAt", timestamp(record.createdAt()))
        .execute();
  }

  /** Keeps the report of a gate run, in the version's row and in the history of runs. */
  public void recordValidation(String version, boolean passed, String report, Instant ranAt) {
    handle.useTransaction(
        tx -> {
          tx.createUpdate(
                  "update feature_registry set status = :status, validation_report = :report,"
                      + " validated_at = :ranAt where version = :version and status <> 'published'")
              .bind("status", (passed ? VersionStatus.VALIDATED : VersionStatus.FAILED).dbValue())
              .bind("report", report)
              .bind("ranAt", timestamp(ranAt))
              .bind("version", version)
              .execute();
          tx.createUpdate(
                  "insert into validation_runs (version, ran_at, passed, report)"
                      + " values (:version, :ranAt, :passed, :report)")
              .bind("version", version)
              .bind("ranAt", timestamp(ranAt))
              .bind("passed", passed)
              .bind("report", report)
              .execute();
        });
  }

  /** The commit point of publishing: one row update, so a version is either published or not. */
  public void markPublished(String version, Instant publishedAt) {
    int updated =
        handle
            .createUpdate(
                "update feature_registry set status = 'published', published_at = :at, current_since = :at"
                    + " where version = :version and status = 'validated'")
            .bind("at", timestamp(publishedAt))
            .bind("version", version)
            .execute();
    if (updated != 1) {
      throw new StoreException(
          "version `" + version + "` is not validated: run `validate` before `publish`");
    }
  }

  /** Records the checksum of a version's snapshot file, as just written or just checked. */
  public void recordSnapshot(String version, String sha256) {
    int updated =
        handle
            .createUpdate(
                "update feature_registry set snapshot_sha256 = :sha where version = :version")
            .bind("sha", sha256)
            .bind("version", version)
            .execute();
    if (updated != 1) {
      throw new UnknownVersionException(version);
    }
  }

  /**
   * The commit point of a rollback, one transaction: the published version {@code version} becomes
   * the latest and in force again, and every published version that would be in force after it (a
   * later as-of, or the same as-of published after it) is withdrawn, so that lookups by instant
   * agree with the rollback.
   *
   * @return the ids withdrawn by this rollback
   */
  public List<String> rollBackTo(String version, Instant at) {
    return handle.inTransaction(
        tx -> {
          List<String> withdrawn =
              tx.createQuery(
                      "select r.version from feature_registry r, feature_registry t"
                          + " where t.version = :version and r.status = 'published' and r.version <> t.version"
                          + " and r.withdrawn_at is null and (r.as_of > t.as_of or (r.as_of = t.as_of"
                          + " and (r.published_at > t.published_at"
                          + " or (r.published_at = t.published_at and r.version > t.version))))"
                          + " order by r.version")
                  .bind("version", version)
                  .mapTo(String.class)
                  .list();
          for (String later : withdrawn) {
            tx.createUpdate(
                    "update feature_registry set withdrawn_at = :at where version = :version")
                .bind("at", timestamp(at))
                .bind("version", later)
                .execute();
          }
          int updated =
              tx.createUpdate(
                      "update feature_registry set current_since = :at, withdrawn_at = null"
                          + " where version = :version and status = 'published'")
                  .bind("at", timestamp(at))
                  .bind("version", version)
                  .execute();
          if (updated != 1) {
            throw new StoreException(
                "version `"
                    + version
                    + "` is not published: only a published version can be"
                    + " rolled back to; run `versions` to see where it stands");
          }
          return withdrawn;
        });
  }

  /**
   * Pins a published version so that retention keeps it; false when no published version has that
   * id.
   */
  public boolean pin(String version, String note, Instant pinnedAt) {
    return handle
            .createUpdate(
                "update feature_registry set pinned_at = :at, pin_note = :note"
                    + " where version = :version and status = 'published'")
            .bind("at", timestamp(pinnedAt))
            .bind("note", note)
            .bind("version", version)
            .execute()
        == 1;
  }

  /** Lifts a pin; false when the version was not pinned. */
  public boolean unpin(String version) {
    return handle
            .createUpdate(
                "update feature_registry set pinned_at = null, pin_note = null"
                    + " where version = :version and pinned_at is not null")
            .bind("version", version)
            .execute()
        == 1;
  }

  /**
   * Records that retention removed a published version's vectors. The guard is in the update
   * itself: only an unpinned published version that is not the latest can be marked, whatever the
   * caller decided.
   */
  public void markRemoved(String version, Instant removedAt) {
    int updated =
        handle
            .createUpdate(
                "update feature_registry set status = 'removed', removed_at = :at"
                    + " where version = :version and status = 'published' and pinned_at is null"
                    + " and version <> coalesce((select version from feature_registry where status = 'published' "
                    + LATEST_ORDER
                    + " limit 1), '')")
            .bind("at", timestamp(removedAt))
            .bind("version", version)
            .execute();
    if (updated != 1) {
      throw new StoreException(
          "version `"
              + version
              + "` cannot be removed: only an unpinned published version that is not the latest"
              + " can be; run `versions` to see where it stands");
    }
  }

  static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private static VersionRecord read(ResultSet rs) throws SQLException {
    return new VersionRecord(
        rs.getString("version"),
        instant(rs, "as_of"),
        rs.getInt("lookback_days"),
        VersionStatus.fromDb(rs.getString("status")),
        rs.getLong("row_count"),
        rs.getString("sql_hash"),
        rs.getString("input_fingerprint"),
        rs.getString("input_location"),
        rs.getString("staging_report"),
        rs.getString("validation_report"),
        instant(rs, "created_at"),
        instant(rs, "validated_at"),
        instant(rs, "published_at"),
        instant(rs, "pinned_at"),
        rs.getString("pin_note"),
        instant(rs, "removed_at"),
        rs.getString("snapshot_sha256"),
        instant(rs, "current_since"),
        instant(rs, "withdrawn_at"));
  }
}
