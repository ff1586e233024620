package dev.loyaltylens.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a store home must look like after any fault: the store opens, every version the registry
 * calls published has its snapshot with the registry's row count and checksum, and once any command
 * has run the manifest names the registry's latest version and no other set of versions.
 */
final class StoreChecks {

  private StoreChecks() {}

  /** Asserts that {@code home} is consistent and returns its latest published version. */
  static String assertConsistent(Path home, String context) {
    List<VersionRecord> published;
    String latest;
    try (FeatureStore store = Project.openStore(home)) {
      published = store.registry().published();
      latest = store.registry().latestPublished().map(VersionRecord::version).orElse(null);
    }
    assertThat(latest).as("%s: a version is published", context).isNotNull();
    for (VersionRecord version : published) {
      Path snapshot = new StoreHome(home).snapshot(version.version());
      assertThat(snapshot)
          .as("%s: the snapshot of published %s", context, version.version())
          .exists();
      assertThat(rows(snapshot))
          .as("%s: rows of %s", context, snapshot)
          .isEqualTo(version.rowCount());
      assertThat(PublishedSnapshots.sha256(snapshot))
          .as("%s: checksum of %s", context, snapshot)
          .isEqualTo(version.snapshotSha256());
    }
    Cli.Outcome versions = Cli.run("versions", "--home", home.toString());
    assertThat(versions.exitCode()).as("%s: versions said %s", context, versions.err()).isZero();
    PublishedManifest manifest = PublishedManifest.read(new StoreHome(home)).orElseThrow();
    assertThat(manifest.latest()).as("%s: the manifest's latest", context).isEqualTo(latest);
    assertThat(manifest.versions())
        .extracting(PublishedVersion::version)
        .as("%s: the manifest's versions", context)
        .containsExactlyInAnyOrderElementsOf(
            published.stream().map(VersionRecord::version).toList());
    return latest;
  }

  /**
   * Customers of a published snapshot that have events in its last 30 days, so every later as-of
   * keeps them.
   */
  static List<String> activeCustomers(Path home, String version, int count) {
    return query(
        new StoreHome(home).snapshot(version),
        statement -> {
          List<String> ids = new ArrayList<>();
          try (ResultSet rs =
              statement.executeQuery(
                  "select customer_id from s.features where frequency_30d >= 3 order by customer_id limit "
                      + count)) {
            while (rs.next()) {
              ids.add(rs.getString(1));
            }
          }
          return ids;
        });
  }

  static long rows(Path snapshot) {
    return query(
        snapshot,
        statement -> {
          try (ResultSet rs = statement.executeQuery("select count(*) from s.features")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  private interface Query<T> {
    T run(Statement statement) throws SQLException;
  }

  private static <T> T query(Path snapshot, Query<T> query) {
    assertThat(Files.exists(snapshot)).as("snapshot %s", snapshot).isTrue();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("attach '" + snapshot + "' as s (read_only)");
      try {
        return query.run(statement);
      } finally {
        statement.execute("detach s");
      }
    } catch (SQLException e) {
      throw new AssertionError("could not read " + snapshot + ": " + e.getMessage(), e);
    }
  }
}
