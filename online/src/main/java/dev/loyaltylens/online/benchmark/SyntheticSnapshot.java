package dev.loyaltylens.online.benchmark;

import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.store.DuckDbConnections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

/**
 * A snapshot file of the six features of SPEC section 3 for benchmarks, laid out as publishing writes one: ids
 * shaped like the generator's UUIDs, sorted; spend in cents, ratios and the score at full double precision, as the
 * real features are. The same rows for the same seed.
 */
final class SyntheticSnapshot {

  private SyntheticSnapshot() {}

  /** Writes the snapshot unless a file with that many rows is already there. */
  static Path write(Path file, long rows, long seed) {
    try {
      if (Files.isRegularFile(file) && rows(file) == rows) {
        return file;
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      try (Connection connection = DuckDbConnections.open("jdbc:duckdb:" + file);
          Statement statement = connection.createStatement()) {
        statement.execute(String.format(Locale.ROOT, """
            create table features as
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
            order by customer_id
            """, seed, rows));
        statement.execute("checkpoint");
      }
      return file;
    } catch (Exception e) {
      throw new OnlineStoreException("could not write the benchmark snapshot " + file + ": " + e.getMessage(), e);
    }
  }

  private static long rows(Path file) throws java.sql.SQLException {
    try (Connection connection = DuckDbConnections.open("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("attach '" + file.toString().replace("'", "''") + "' as snapshot (read_only)");
      try (ResultSet rs = statement.executeQuery("select count(*) from snapshot.features")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
