package dev.loyaltylens.store;

import dev.loyaltylens.LoyaltyLensException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The one owner of {@code published/}: writing a version's snapshot file, attaching one to read it,
 * deleting one, and keeping {@code manifest.json} in step with the registry. Every writer and
 * reader goes through here, so the file's place, its table and how it is made durable are decided
 * once.
 *
 * <p>A snapshot is a DuckDB file {@code published/V.duckdb} holding one table, {@code features
 * (customer_id, feature...)}, sorted by id. It is written to {@code V.duckdb.tmp}, checkpointed so
 * that no WAL is left (a WAL does not follow a rename, and replaying one read-only fails), synced,
 * and renamed into place: a reader sees the whole file or none.
 */
public final class PublishedSnapshots {

  /** The table every snapshot holds. */
  public static final String TABLE = "features";

  private static final String WRITING = "snapshot_being_written";

  private PublishedSnapshots() {}

  /**
   * Writes the snapshot of {@code version} from {@code select} (customer_id, then the features) run
   * on {@code connection}, with {@code parameters} bound to its {@code ?} markers in order.
   */
  public static void write(
      Connection connection, StoreHome home, String version, String select, Object... parameters) {
    Path target = home.snapshot(version);
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    Path log = wal(temporary);
    try {
      Files.createDirectories(target.getParent());
      Files.deleteIfExists(temporary);
      Files.deleteIfExists(log);
      try (Statement statement = connection.createStatement()) {
        statement.execute("attach " + SqlLiteral.of(temporary) + " as " + WRITING);
        try {
          // Sorted by id so DuckDB's zone maps let a point lookup skip every other row group.
          try (PreparedStatement create =
              connection.prepareStatement(
                  "create table "
                      + WRITING
                      + "."
                      + TABLE
                      + " as select * from ("
                      + select
                      + ") order by customer_id")) {
            for (int i = 0; i < parameters.length; i++) {
              create.setObject(i + 1, parameters[i]);
            }
            create.execute();
          }
          statement.execute("checkpoint " + WRITING);
        } catch (SQLException | RuntimeException e) {
          // a failed write (a full disk) must not leave the attachment, nor be hidden by a failing
          // detach
          try {
            statement.execute("detach " + WRITING);
          } catch (SQLException detach) {
            e.addSuppressed(detach);
          }
          throw e;
        }
        statement.execute("detach " + WRITING);
      }
      if (Files.exists(log)) {
        throw new StoreException(
            "the snapshot " + temporary + " kept a write-ahead log: publish again");
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | SQLException e) {
      deleteAfterFailure(e, temporary, log);
      throw new StoreException(
          "could not write the snapshot " + target + ": " + LoyaltyLensException.firstLine(e), e);
    } catch (RuntimeException e) {
      deleteAfterFailure(e, temporary, log);
      throw e;
    }
  }

  /**
   * Removes what a failed write left, so that no temporary file outlives it; one that cannot go is
   * named.
   */
  private static void deleteAfterFailure(Exception failure, Path... files) {
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }

  /**
   * Attaches the snapshot of {@code version} read-only to {@code connection} as {@code alias}; its
   * table is then {@code alias.features}. A read-only attach holds the file until {@link #detach}.
   */
  public static void attach(Connection connection, StoreHome home, String version, String alias)
      throws SQLException {
    Path file = home.snapshot(version);
    if (!Files.isRegularFile(file)) {
      throw new SQLException(
          "the snapshot " + file + " of " + version + " does not exist (was it removed by gc?)");
    }
    requireInside(home, file);
    try (Statement statement = connection.createStatement()) {
      statement.execute("attach " + SqlLiteral.of(file) + " as " + alias + " (read_only)");
    }
  }

  /**
   * A snapshot is only ever read from {@code published/} itself: not through a link that leads
   * elsewhere.
   */
  private static void requireInside(StoreHome home, Path file) throws SQLException {
    try {
      Path real = file.toRealPath();
      if (!real.getParent().equals(home.publishedDir().toRealPath())) {
        throw new SQLException(
            "the snapshot "
                + file
                + " leads outside "
                + home.publishedDir()
                + ", to "
                + real
                + ": it is not read");
      }
    } catch (IOException e) {
      throw new SQLException("could not look at " + file + ": " + e.getMessage(), e);
    }
  }

  public static void detach(Connection connection, String alias) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("detach " + alias);
    }
  }

  /**
   * Deletes the snapshot of a removed version, with any file a crash left beside it; false when
   * there was none.
   */
  public static boolean delete(StoreHome home, String version) throws IOException {
    Path snapshot = home.snapshot(version);
    Path temporary = snapshot.resolveSibling(snapshot.getFileName() + ".tmp");
    Files.deleteIfExists(wal(snapshot));
    Files.deleteIfExists(wal(temporary));
    Files.deleteIfExists(temporary);
    return Files.deleteIfExists(snapshot);
  }

  /**
   * Rewrites the manifest from the registry when it differs: the registry is the source of truth,
   * and a manifest left stale by a crash after a publish or a removal, or broken by hand, is
   * repaired by the next command that opens the store.
   *
   * @return what was wrong with a manifest that could not be read at all, now rewritten; empty
   *     otherwise
   */
  public static Optional<String> syncManifest(FeatureStore store) {
    StoreHome home = store.home();
    List<PublishedVersion> published = new ArrayList<>();
    for (VersionRecord record : store.registry().published()) {
      if (Files.exists(home.snapshot(record.version()))) {
        VersionStatistics statistics =
            VersionStatistics.fromValidationReport(record.version(), record.validationReport());
        // The gate measured every column the version has; later migrations' columns are not in its
        // snapshot.
        published.add(
            new PublishedVersion(
                record.version(),
                record.asOf(),
                record.publishedAt(),
                record.rowCount(),
                statistics.columns(),
                statistics,
                record.snapshotSha256(),
                record.withdrawnAt()));
      }
    }
    Optional<String> latest =
        store
            .registry()
            .latestPublished()
            .map(VersionRecord::version)
            .filter(v -> published.stream().anyMatch(p -> p.version().equals(v)));
    PublishedManifest manifest = new PublishedManifest(latest.orElse(null), published);
    Optional<PublishedManifest> current;
    String unreadable = null;
    try {
      current = PublishedManifest.read(home);
    } catch (UnreadableManifestException e) {
      current = Optional.empty();
      unreadable = e.problem();
    }
    if (!current.equals(Optional.of(manifest))) {
      manifest.write(home);
    }
    return Optional.ofNullable(unreadable);
  }

  /**
   * The SHA-256 of a file, hex: what the registry and the manifest keep of each snapshot as
   * written.
   */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new StoreException("could not read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /**
   * What is wrong with the snapshot of a version, if anything: missing, not the file it was
   * published as (its checksum differs from {@code sha256}), or, when no checksum was kept,
   * unreadable or holding other than {@code rows} rows.
   */
  public static Optional<String> problem(StoreHome home, String version, long rows, String sha256) {
    Path file = home.snapshot(version);
    if (!Files.isRegularFile(file)) {
      return Optional.of("its snapshot " + file + " is missing");
    }
    if (sha256 != null) {
      return sha256.equals(sha256(file))
          ? Optional.empty()
          : Optional.of(
              "its snapshot "
                  + file
                  + " is not the file it was published as (its SHA-256 differs)");
    }
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      attach(connection, home, version, "checked");
      try (ResultSet rs = statement.executeQuery("select count(*) from checked." + TABLE)) {
        rs.next();
        long held = rs.getLong(1);
        return held == rows
            ? Optional.empty()
            : Optional.of("its snapshot " + file + " holds " + held + " rows, not " + rows);
      } finally {
        detach(connection, "checked");
      }
    } catch (SQLException e) {
      return Optional.of(
          "its snapshot " + file + " cannot be read: " + LoyaltyLensException.firstLine(e));
    }
  }

  private static Path wal(Path file) {
    return file.resolveSibling(file.getFileName() + ".wal");
  }
}
