package dev.loyaltylens.engine.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;

/**
 * Purchases with amounts of every magnitude and full double precision (cents, fractions of a cent,
 * millions), spread over the 90 days before T, the same for a seed.
 */
final class RandomPurchases {

  private RandomPurchases() {}

  static void write(Path file, int purchases, int customers, int seed) throws Exception {
    Files.createDirectories(file.getParent());
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("set TimeZone = 'UTC'");
      statement.execute("select setseed(" + (seed / 1000.0) + ")");
      statement.execute(
          String.format(
              Locale.ROOT,
              "copy (select 'p' || i as event_id, 'c' || (i %% %d) as customer_id, 'purchase' as event_type,"
                  + " timestamp '2026-11-24' - to_microseconds(1 + (random() * 89 * 86400e6)::bigint) as event_ts,"
                  + " case i %% 4 when 0 then round(random() * 100, 2) when 1 then random() * 10"
                  + " when 2 then random() * 1e6 else exp(random() * 16) end as amount,"
                  + " 'web' as channel from range(%d) t(i)) to '%s' (format parquet)",
              customers,
              purchases,
              file));
    }
  }
}
