package dev.loyaltylens.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * Opens every DuckDB connection of LoyaltyLens, in UTC.
 *
 * <p>DuckDB takes its time zone from the operating system, not from the JVM's {@code
 * -Duser.timezone}, and the zone is a setting of each connection: a {@code TIMESTAMPTZ} read on a
 * machine in another zone would otherwise give other instants, and other features under the same
 * version id.
 */
public final class DuckDbConnections {

  /** What every connection runs first; also given to Flyway for its own connection. */
  public static final String IN_UTC = "set TimeZone = 'UTC'";

  private DuckDbConnections() {}

  /** A connection to {@code url} ({@code jdbc:duckdb:} for an in-memory database), in UTC. */
  public static Connection open(String url) throws SQLException {
    return open(url, new Properties());
  }

  /** A connection to {@code url} with DuckDB settings such as {@code memory_limit}, in UTC. */
  public static Connection open(String url, Properties properties) throws SQLException {
    return inUtc(DriverManager.getConnection(url, properties));
  }

  /** A second connection to the same database, in UTC too: the zone is not inherited. */
  public static Connection duplicate(Connection connection) throws SQLException {
    return inUtc(connection.unwrap(DuckDBConnection.class).duplicate());
  }

  private static Connection inUtc(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(IN_UTC);
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }
}
