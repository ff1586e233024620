package dev.loyaltylens.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A store asked through JDBC: one prepared point query on customer_id, reading the whole row. */
abstract class JdbcPointQuery implements LookupStore {

  private final Connection connection;
  private final PreparedStatement query;

  JdbcPointQuery(Connection connection) throws SQLException {
    this.connection = connection;
    this.query = connection.prepareStatement("select * from features where customer_id = ?");
  }

  @Override
  public final boolean lookup(String customerId) throws SQLException {
    query.setString(1, customerId);
    try (ResultSet rs = query.executeQuery()) {
      return Rows.readWhole(rs);
    }
  }

  @Override
  public final void close() throws SQLException {
    query.close();
    connection.close();
  }
}
