package dev.loyaltylens.serving;

import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.FeatureStatistics;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionStatistics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A store home's {@code published/} folder written by the store's own {@link PublishedSnapshots},
 * as {@code publish} writes it, from a select instead of a store: a snapshot file per version, then
 * the manifest.
 */
public final class PublishedFixture {

  /**
   * The six features of SPEC section 3 for customers {@code c0 .. c<rows-1>}, each a function of
   * the row number {@code i} so that a test can work out any vector; {@code shift} is added to
   * recency_days to tell versions apart. Every 50th monetary_90d is null.
   */
  public static String features(long rows, int shift) {
    return String.format(
        Locale.ROOT,
        """
        select 'c' || i as customer_id,
               (i %% 90 + %d)::integer as recency_days,
               (i %% 20)::integer as frequency_30d,
               case when i %% 50 = 7 then null else i * 0.5 end::double as monetary_90d,
               ((i %% 10) / 10.0)::double as offer_redemption_rate,
               ['mobile', 'web', 'in-store'][i %% 3 + 1] as channel_preference,
               ((i %% 1000) / 1000.0)::double as engagement_score
        from range(%d) t(i)
        """,
        shift,
        rows);
  }

  private final StoreHome home;
  private final List<PublishedVersion> versions = new ArrayList<>();

  public PublishedFixture(Path root) {
    this.home = new StoreHome(root);
  }

  public StoreHome home() {
    return home;
  }

  public Path root() {
    return home.root();
  }

  /**
   * Writes a snapshot from a select (one row per customer) and publishes it as the latest version.
   */
  public PublishedVersion publish(String version, Instant asOf, String select) throws Exception {
    PublishedVersion published = writeSnapshot(version, asOf, select);
    versions.add(published);
    new PublishedManifest(version, versions).write(home);
    return published;
  }

  public PublishedVersion writeSnapshot(String version, Instant asOf, String select)
      throws Exception {
    List<FeatureColumn> columns = new ArrayList<>();
    Map<String, FeatureStatistics> stats = new LinkedHashMap<>();
    long rows;
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      PublishedSnapshots.write(connection, home, version, select);
      PublishedSnapshots.attach(connection, home, version, "s");
      try (ResultSet rs =
          statement.executeQuery(
              "select column_name, data_type from information_schema.columns"
                  + " where table_catalog = 's' and table_name = 'features' order by ordinal_position")) {
        while (rs.next()) {
          if (!rs.getString(1).equals("customer_id")) {
            columns.add(new FeatureColumn(rs.getString(1), rs.getString(2)));
          }
        }
      }
      try (ResultSet rs = statement.executeQuery("select count(*) from s.features")) {
        rs.next();
        rows = rs.getLong(1);
      }
      for (FeatureColumn column : columns) {
        try (ResultSet rs =
            statement.executeQuery(
                "select count(\""
                    + column.name()
                    + "\"), count(*) - count(\""
                    + column.name()
                    + "\")"
                    + " from s.features")) {
          rs.next();
          stats.put(
              column.name(),
              new FeatureStatistics(
                  column.type(),
                  rs.getLong(1),
                  rs.getLong(2),
                  rows == 0 ? 0.0 : (double) rs.getLong(2) / rows,
                  null,
                  null));
        }
      }
      PublishedSnapshots.detach(connection, "s");
    }
    return new PublishedVersion(
        version,
        asOf,
        Instant.now(),
        rows,
        columns,
        new VersionStatistics(stats),
        PublishedSnapshots.sha256(home.snapshot(version)));
  }
}
