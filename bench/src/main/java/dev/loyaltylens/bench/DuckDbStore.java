package dev.loyaltylens.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** DuckDB with a unique index on customer_id, asked by a prepared point query through JDBC. */
final class DuckDbStore implements LookupStore {

  private final Connection connection;
  private final PreparedStatement query;

  DuckDbStore(Path file) throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:" + file);
    query = connection.prepareStatement("select * from features where customer_id = ?");
  }

  @Override
  public String name() {
    return "DuckDB (indexed, JDBC)";
  }

  @Override
  public boolean lookup(String customerId) throws SQLException {
    query.setString(1, customerId);
    try (ResultSet rs = query.executeQuery()) {
      return Rows.readWhole(rs);
    }
  }

  @Override
  public void close() throws SQLException {
    query.close();
    connection.close();
  }
}
