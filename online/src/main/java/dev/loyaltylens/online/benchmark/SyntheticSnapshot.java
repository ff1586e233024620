package dev.loyaltylens.online.benchmark;

import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.StoreHome;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

/**
 * A snapshot of the six features of SPEC section 3 for benchmarks, written by the store's own
 * {@link PublishedSnapshots#write} as publishing writes one: ids shaped like the generator's UUIDs,
 * sorted; spend in cents, ratios and the score at full double precision, as the real features are.
 * The same rows for the same seed.
 */
final class SyntheticSnapshot {

  private SyntheticSnapshot() {}

  /**
   * Writes the snapshot of {@code version} in {@code home} unless one with that many rows is
   * already there.
   */
  static void write(StoreHome home, String version, long rows, long seed) {
    try (Connection connection = DuckDbConnections.open("jdbc:duckdb:")) {
      if (Files.isRegularFile(home.snapshot(version)) && rows(connection, home, version) == rows) {
        return;
      }
      PublishedSnapshots.write(
          connection,
          home,
          version,
          String.format(
              Locale.ROOT,
              """
          with numbered as (select i, md5('%1$d:' || i) as h from range(%2$d) t(i))
          select substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4) || '-' || substr(h, 17, 4)
                   || '-' || substr(h, 21, 12) as customer_id,
                 (hash(i, %1$d, 'recency') %% 180)::integer as recency_days,
                 (hash(i, %1$d, 'frequency') %% 40)::integer as frequency_30d,
                 ((hash(i, %1$d, 'monetary') %% 60000) / 100.0)::double as monetary_90d,
                 case when hash(i, %1$d, 'offers') %% 3 = 0 then 0.0
                      else least(1.0, (1 + hash(i, %1$d, 'redeems') %% 4) / (1 + hash(i, %1$d, 'views') %% 9))
                 end::double as offer_redemption_rate,
                 ['mobile', 'web', 'in-store'][(hash(i, %1$d, 'channel') %% 3)::integer + 1] as channel_preference,
                 (hash(i, %1$d, 'engagement') / 18446744073709551615.0)::double as engagement_score
          from numbered
          """,
              seed,
              rows));
    } catch (Exception e) {
      throw new OnlineStoreException(
          "could not write the benchmark snapshot "
              + home.snapshot(version)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static long rows(Connection connection, StoreHome home, String version)
      throws java.sql.SQLException {
    PublishedSnapshots.attach(connection, home, version, "existing");
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("select count(*) from existing." + PublishedSnapshots.TABLE)) {
      rs.next();
      return rs.getLong(1);
    } finally {
      PublishedSnapshots.detach(connection, "existing");
    }
  }
}
