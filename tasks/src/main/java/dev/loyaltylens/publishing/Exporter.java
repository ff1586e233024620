package dev.loyaltylens.publishing;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.SqlLiteral;
import dev.loyaltylens.store.StoreHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Exports a published version from its snapshot, never from the store, so exporting does not wait
 * on (or block) a pipeline writing to the store.
 */
public final class Exporter {

  private Exporter() {}

  /** What was exported. */
  public record Exported(String version, long rows) {}

  /**
   * Writes the vectors of {@code version} (the latest when null) to a Parquet file, one row per
   * customer.
   */
  public static Exported export(StoreHome home, String version, Path out) {
    home.requireStore();
    PublishedManifest manifest =
        PublishedManifest.read(home)
            .filter(m -> version != null || m.latest() != null)
            .orElseThrow(
                () ->
                    new LoyaltyLensException(
                        "nothing is published yet in "
                            + home.root()
                            + ": run `pipeline` or `publish`"));
    PublishedVersion published =
        (version == null ? manifest.latestVersion() : manifest.find(version))
            .orElseThrow(
                () ->
                    new LoyaltyLensException(
                        "version `"
                            + version
                            + "` is not published in "
                            + home.root()
                            + ": run `versions` to list them"));
    Path target = out.toAbsolutePath().normalize();
    try {
      Files.createDirectories(target.getParent());
    } catch (java.io.IOException e) {
      throw new LoyaltyLensException(
          "could not create the folder of " + out + ": " + e.getMessage(), e);
    }
    try (Connection connection = DuckDbConnections.open("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      PublishedSnapshots.attach(connection, home, published.version(), "snapshot");
      statement.execute(
          "copy (select * from snapshot.features order by customer_id) to "
              + SqlLiteral.of(target)
              + " (format parquet, compression zstd)");
      try (var rs = statement.executeQuery("select count(*) from snapshot.features")) {
        rs.next();
        long rows = rs.getLong(1);
        PublishedSnapshots.detach(connection, "snapshot");
        return new Exported(published.version(), rows);
      }
    } catch (SQLException e) {
      throw new LoyaltyLensException(
          "could not export "
              + published.version()
              + " to "
              + out
              + ": "
              + LoyaltyLensException.firstLine(e),
          e);
    }
  }
}
