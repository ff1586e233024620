package dev.loyaltylens.online.testing;

import dev.loyaltylens.online.SnapshotVectors;
import dev.loyaltylens.store.FeatureType;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.SnapshotColumns;
import dev.loyaltylens.store.StoreHome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Snapshots written by the store's own {@link PublishedSnapshots#write}, as publishing writes them
 * (a {@code features} table: {@code customer_id}, then the features, sorted by id), with values
 * made from a seed: two seeds give two versions of the same customers with other values.
 */
public final class TestSnapshots {

  private TestSnapshots() {}

  /** A version's snapshot in a home. */
  public record Snapshot(StoreHome home, String version) {

    public SnapshotVectors open() {
      return SnapshotVectors.open(home, version);
    }

    /** Every vector of the snapshot as the online store must give it back, by customer id. */
    public Map<String, List<Object>> expected() {
      try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
          Statement statement = connection.createStatement()) {
        PublishedSnapshots.attach(connection, home, version, "snapshot");
        SnapshotColumns columns = SnapshotColumns.of(statement, "snapshot");
        Map<String, List<Object>> vectors = new LinkedHashMap<>();
        try (ResultSet rs =
            statement.executeQuery(
                "select customer_id"
                    + (columns.features().isEmpty() ? "" : ", " + columns.selectList())
                    + " from snapshot.features")) {
          while (rs.next()) {
            Object[] values = new Object[columns.features().size()];
            for (int c = 0; c < values.length; c++) {
              values[c] = value(rs, c + 2, columns.features().get(c).type());
            }
            vectors.put(rs.getString(1), Arrays.asList(values));
          }
        }
        return vectors;
      } catch (SQLException e) {
        throw new IllegalStateException(
            "could not read " + home.snapshot(version) + ": " + e.getMessage(), e);
      }
    }

    public List<String> ids() {
      return new ArrayList<>(expected().keySet());
    }
  }

  /**
   * The six features of SPEC section 3, as the migrations type them; engagement_score at full
   * double precision. Written as {@code root/published/VERSION.duckdb}.
   */
  public static Snapshot sixFeatures(Path root, String version, int rows, int seed) {
    return write(
        root,
        version,
        String.format(
            Locale.ROOT,
            """
        select %1$s as customer_id,
               (hash(i, %2$d, 'r') %% 180)::integer as recency_days,
               (hash(i, %2$d, 'f') %% 40)::integer as frequency_30d,
               ((hash(i, %2$d, 'm') %% 60000) / 100.0)::double as monetary_90d,
               ((hash(i, %2$d, 'o') %% 1001) / 1000.0)::double as offer_redemption_rate,
               ['mobile', 'web', 'in-store'][(hash(i, %2$d, 'c') %% 3)::integer + 1] as channel_preference,
               (hash(i, %2$d, 'e') / 18446744073709551615.0)::double as engagement_score
        from (select i, md5('customer:' || i) as h from range(%3$d) t(i))
        """,
            id(),
            seed,
            rows));
  }

  /**
   * A column of every value type, each with nulls; text with accents, other scripts, empty strings
   * and long ones.
   */
  public static Snapshot everyType(Path root, String version, int rows, int seed) {
    return write(
        root,
        version,
        String.format(
            Locale.ROOT,
            """
        select %1$s as customer_id,
               case when i %% 7 = 0 then null else hash(i, %2$d, 'b') %% 2 = 0 end as flag,
               case when i %% 11 = 0 then null else ((hash(i, %2$d, 't') %% 256)::integer - 128)::tinyint end as tiny,
               case when i %% 13 = 0 then null
                    else (hash(i, %2$d, 'i') %% 4294967296)::bigint - 2147483648 end::integer as int_value,
               case when i %% 17 = 0 then null
                    else (hash(i, %2$d, 'l') %% 9223372036854775807)::bigint - 4611686018427387904 end as big_value,
               case when i %% 19 = 0 then null else ((hash(i, %2$d, 'd') %% 100000000) / 1000.0)::decimal(18, 3) end
                   as amount,
               case when i %% 23 = 0 then null else hash(i, %2$d, 'x') / 7.0 end::double as ratio,
               case when i %% 29 = 0 then null
                    when i %% 31 = 0 then ''
                    when i %% 37 = 0 then repeat('long text ', 40)
                    else ['mobile', 'wéb ✓', '日本語', 'in-store'][(hash(i, %2$d, 'c') %% 4)::integer + 1] end as label
        from (select i, md5('customer:' || i) as h from range(%3$d) t(i))
        """,
            id(),
            seed,
            rows));
  }

  private static Object value(ResultSet rs, int column, FeatureType type) throws SQLException {
    Object value =
        switch (type) {
          case BOOLEAN -> rs.getBoolean(column);
          case INTEGER -> rs.getInt(column);
          case BIGINT -> rs.getLong(column);
          case DOUBLE -> rs.getDouble(column);
          case TEXT -> rs.getString(column);
        };
    return rs.wasNull() ? null : value;
  }

  /**
   * UUID-shaped ids from the row number alone ({@code h} is its MD5), so every seed has the same
   * customers.
   */
  private static String id() {
    return "substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4) || '-' || substr(h, 17, 4) || '-'"
        + " || substr(h, 21, 12)";
  }

  private static Snapshot write(Path root, String version, String select) {
    StoreHome home = new StoreHome(root);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
      PublishedSnapshots.write(connection, home, version, select);
      return new Snapshot(home, version);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not write the test snapshot of " + version + ": " + e.getMessage(), e);
    }
  }
}
