package dev.loyaltylens.generation;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Generated Parquet read back through an in-memory DuckDB, as the {@code events} view. */
final class GeneratedEvents implements AutoCloseable {

  private final Connection duckdb;

  GeneratedEvents(Path dir) throws SQLException {
    duckdb = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement statement = duckdb.createStatement()) {
      statement.execute("set timezone = 'UTC'");
      statement.execute(
          "create view events as select * from read_parquet('"
              + dir.toAbsolutePath()
              + "/**/*.parquet')");
    }
  }

  /** The first column of the first row, as a double (0 for NULL). */
  double number(String sql) throws SQLException {
    try (Statement statement = duckdb.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getDouble(1);
    }
  }

  long count(String sql) throws SQLException {
    return (long) number(sql);
  }

  /** Every row, its columns joined by {@code |}. */
  List<String> rows(String sql) throws SQLException {
    try (Statement statement = duckdb.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      int columns = rows.getMetaData().getColumnCount();
      List<String> result = new ArrayList<>();
      while (rows.next()) {
        StringBuilder row = new StringBuilder();
        for (int column = 1; column <= columns; column++) {
          row.append(column > 1 ? "|" : "").append(rows.getString(column));
        }
        result.add(row.toString());
      }
      return result;
    }
  }

  @Override
  public void close() throws SQLException {
    duckdb.close();
  }
}
