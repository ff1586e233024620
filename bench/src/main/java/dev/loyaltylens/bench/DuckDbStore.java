package dev.loyaltylens.bench;

import dev.loyaltylens.store.DuckDbConnections;
import java.nio.file.Path;
import java.sql.SQLException;

/** DuckDB with a unique index on customer_id, asked by a prepared point query through JDBC. */
final class DuckDbStore extends JdbcPointQuery {

  DuckDbStore(Path file) throws SQLException {
    super(DuckDbConnections.open("jdbc:duckdb:" + file));
  }

  @Override
  public String name() {
    return "DuckDB (indexed, JDBC)";
  }
}
