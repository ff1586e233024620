package dev.loyaltylens.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQLite with customer_id as its primary key (so indexed), asked by a prepared point query through
 * JDBC.
 */
final class SqliteStore extends JdbcPointQuery {

  private static final int BATCH = 10_000;

  private SqliteStore(Connection connection) throws SQLException {
    super(connection);
  }

  /**
   * Copies the benchmark rows into a new SQLite file, in id order so the primary key grows at its
   * end.
   */
  static SqliteStore load(BenchData data, Path file) throws Exception {
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement statement = connection.createStatement()) {
      // A benchmark copy that can be rebuilt: no journal and no sync make the load several times
      // faster.
      statement.execute("pragma journal_mode = off");
      statement.execute("pragma synchronous = off");
      statement.execute(
          """
          create table features (
            customer_id text primary key,
            recency_days integer,
            frequency_30d integer,
            monetary_90d real,
            offer_redemption_rate real,
            channel_preference text,
            engagement_score real
          )""");
    }
    connection.setAutoCommit(false);
    try (PreparedStatement insert =
        connection.prepareStatement("insert into features values (?, ?, ?, ?, ?, ?, ?)")) {
      long[] pending = {0};
      data.forEachRow(
          rs -> {
            try {
              for (int i = 1; i <= 7; i++) {
                insert.setObject(i, rs.getObject(i));
              }
              insert.addBatch();
              if (++pending[0] % BATCH == 0) {
                insert.executeBatch();
              }
            } catch (SQLException e) {
              throw new BenchException("could not insert into " + file + ": " + e.getMessage(), e);
            }
          });
      insert.executeBatch();
    }
    connection.commit();
    connection.setAutoCommit(true);
    return new SqliteStore(connection);
  }

  @Override
  public String name() {
    return "SQLite (indexed, JDBC)";
  }
}
