package dev.loyaltylens.bench;

import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionStatistics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The benchmark's feature table: one row per customer with the six features of SPEC section 3, each
 * value a hash of the seed and the row number, so every store is loaded with the same rows and a
 * run can be repeated. Customer ids are UUID-shaped, as the generator's are.
 */
final class BenchData {

  static final String VERSION = "vbench";
  static final Instant AS_OF = Instant.parse("2026-11-24T00:00:00Z");
  static final List<FeatureColumn> COLUMNS =
      List.of(
          new FeatureColumn("recency_days", "INTEGER"),
          new FeatureColumn("frequency_30d", "INTEGER"),
          new FeatureColumn("monetary_90d", "DOUBLE"),
          new FeatureColumn("offer_redemption_rate", "DOUBLE"),
          new FeatureColumn("channel_preference", "VARCHAR"),
          new FeatureColumn("engagement_score", "DOUBLE"));

  private final Path duckdbFile;
  private final StoreHome home;
  private final long rows;
  private final long seed;

  BenchData(Path work, long rows, long seed) {
    this.duckdbFile = work.resolve("duckdb").resolve("features.duckdb");
    this.home = new StoreHome(work.resolve("home"));
    this.rows = rows;
    this.seed = seed;
  }

  Path duckdbFile() {
    return duckdbFile;
  }

  StoreHome home() {
    return home;
  }

  long rows() {
    return rows;
  }

  /**
   * The id of row {@code i}: the MD5 of {@code seed:i} shaped as a UUID, the same as {@link
   * #select()} writes.
   */
  String id(long i) {
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5")
              .digest((seed + ":" + i).getBytes(StandardCharsets.UTF_8));
      String hex = HexFormat.of().formatHex(digest);
      return hex.substring(0, 8)
          + "-"
          + hex.substring(8, 12)
          + "-"
          + hex.substring(12, 16)
          + "-"
          + hex.substring(16, 20)
          + "-"
          + hex.substring(20, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new BenchException("this Java has no MD5", e);
    }
  }

  /**
   * Writes the rows as a published snapshot, sorted by id, with a manifest naming it latest; no
   * DuckDB table.
   */
  void writeSnapshot() {
    try (Connection connection = DuckDbConnections.open("jdbc:duckdb:")) {
      Files.createDirectories(home.publishedDir());
      Files.deleteIfExists(home.snapshot(VERSION));
      PublishedSnapshots.write(connection, home, VERSION, select());
    } catch (Exception e) {
      throw new BenchException(
          "could not write the snapshot " + home.snapshot(VERSION) + ": " + e.getMessage(), e);
    }
    writeManifest();
  }

  /**
   * Writes the DuckDB table with a unique index on customer_id, then the same rows as a published
   * snapshot, sorted by id, with a manifest naming it latest: what {@code publish} leaves for the
   * API.
   */
  void writeDuckDb() {
    try {
      Files.createDirectories(duckdbFile.getParent());
      Files.createDirectories(home.publishedDir());
      Files.deleteIfExists(duckdbFile);
      Files.deleteIfExists(home.snapshot(VERSION));
      try (Connection connection = DuckDbConnections.open("jdbc:duckdb:" + duckdbFile);
          Statement statement = connection.createStatement()) {
        statement.execute("create table features as " + select());
        // Built after the bulk load, which is much faster than keeping it up to date row by row.
        statement.execute("create unique index features_customer_id on features (customer_id)");
        PublishedSnapshots.write(connection, home, VERSION, "select * from features");
        statement.execute("checkpoint");
      }
    } catch (Exception e) {
      throw new BenchException(
          "could not write the DuckDB table " + duckdbFile + ": " + e.getMessage(), e);
    }
    writeManifest();
  }

  private void writeManifest() {
    new PublishedManifest(
            VERSION,
            List.of(
                new PublishedVersion(
                    VERSION, AS_OF, Instant.now(), rows, COLUMNS, VersionStatistics.empty())))
        .write(home);
  }

  /**
   * Hands every row, in id order, to a consumer: {@code customer_id} first, then the features in
   * table order.
   */
  void forEachRow(Consumer<ResultSet> consumer) {
    Properties properties = new Properties();
    properties.setProperty("jdbc_stream_results", "true");
    try (Connection connection = DuckDbConnections.open("jdbc:duckdb:" + duckdbFile, properties);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select * from features order by customer_id")) {
      while (rs.next()) {
        consumer.accept(rs);
      }
    } catch (SQLException e) {
      throw new BenchException("could not read " + duckdbFile + ": " + e.getMessage(), e);
    }
  }

  private String select() {
    return String.format(
        Locale.ROOT,
        """
        with numbered as (
          select i, md5('%1$d:' || i) as digest from range(%2$d) t(i)
        )
        select substr(digest, 1, 8) || '-' || substr(digest, 9, 4) || '-' || substr(digest, 13, 4) || '-'
                 || substr(digest, 17, 4) || '-' || substr(digest, 21, 12) as customer_id,
               (hash(i, %1$d, 'recency') %% 180)::integer as recency_days,
               (hash(i, %1$d, 'frequency') %% 40)::integer as frequency_30d,
               ((hash(i, %1$d, 'monetary') %% 50000) / 100.0)::double as monetary_90d,
               ((hash(i, %1$d, 'redemption') %% 1001) / 1000.0)::double as offer_redemption_rate,
               ['mobile', 'web', 'in-store'][(hash(i, %1$d, 'channel') %% 3)::integer + 1] as channel_preference,
               ((hash(i, %1$d, 'engagement') %% 10001) / 10000.0)::double as engagement_score
        from numbered
        """,
        seed,
        rows);
  }
}
