package dev.loyaltylens.online;

import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.FeatureColumn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * A published snapshot file read as a {@link VectorSource}: attached read-only to a private in-memory DuckDB, its
 * rows streamed (never all in the heap), closed again once loaded.
 *
 * <p>Ids and text values come back as UTF-8 bytes ({@code encode}), not as Java strings: building a string across
 * JNI for every value is what reading costs most.
 */
public final class SnapshotVectors implements VectorSource, AutoCloseable {

  private static final String CUSTOMER_ID = "customer_id";

  private final Path file;
  private final Connection connection;
  private final List<FeatureColumn> columns;
  private final List<ValueType> types;
  private final long rowCount;

  private SnapshotVectors(Path file, Connection connection, List<FeatureColumn> columns, long rowCount) {
    this.file = file;
    this.connection = connection;
    this.columns = List.copyOf(columns);
    this.types = columns.stream().map(column -> ValueType.of(column.type())).toList();
    this.rowCount = rowCount;
  }

  /** Opens a snapshot file (a {@code published/V.duckdb}) read-only. */
  public static SnapshotVectors open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new OnlineStoreException("snapshot " + file + " does not exist: publish the version first");
    }
    Properties properties = new Properties();
    properties.setProperty("jdbc_stream_results", "true");
    Connection connection = null;
    try {
      connection = DuckDbConnections.open("jdbc:duckdb:", properties);
      try (Statement statement = connection.createStatement()) {
        statement.execute("attach '" + file.toString().replace("'", "''") + "' as snapshot (read_only)");
        List<FeatureColumn> columns = columns(statement);
        long rows;
        try (ResultSet rs = statement.executeQuery("select count(*) from snapshot.features")) {
          rs.next();
          rows = rs.getLong(1);
        }
        return new SnapshotVectors(file, connection, columns, rows);
      }
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new OnlineStoreException("could not read the snapshot " + file + ": " + firstLine(e), e);
    }
  }

  @Override
  public List<FeatureColumn> columns() {
    return columns;
  }

  @Override
  public long rowCount() {
    return rowCount;
  }

  @Override
  public void forEachRow(Consumer<VectorRow> consumer) {
    StringBuilder select = new StringBuilder("select encode(\"customer_id\")");
    for (int i = 0; i < columns.size(); i++) {
      select.append(", ").append(select(columns.get(i).name(), types.get(i)));
    }
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(select.append(" from snapshot.features").toString())) {
      Row row = new Row(rs);
      long read = 0;
      while (rs.next()) {
        consumer.accept(row);
        read++;
      }
      if (read != rowCount) {
        throw new OnlineStoreException(
            "snapshot " + file + " gave " + read + " rows where it counted " + rowCount + ": is it being replaced?");
      }
    } catch (SQLException e) {
      throw new OnlineStoreException("could not read the snapshot " + file + ": " + firstLine(e), e);
    }
  }

  @Override
  public void close() {
    closeQuietly(connection);
  }

  private static List<FeatureColumn> columns(Statement statement) throws SQLException {
    List<FeatureColumn> columns = new ArrayList<>();
    boolean hasId = false;
    try (ResultSet rs = statement.executeQuery("select * from snapshot.features limit 0")) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        String name = meta.getColumnName(i);
        if (name.equals(CUSTOMER_ID)) {
          hasId = true;
        } else {
          columns.add(new FeatureColumn(name, meta.getColumnTypeName(i)));
        }
      }
    }
    if (!hasId) {
      throw new SQLException("its features table has no customer_id column");
    }
    return columns;
  }

  /**
   * The select expression that hands a column to {@link Row}: numbers and booleans as they are (read with the same
   * JDBC getters as the API's in-memory index, so both give the same values), text as UTF-8 bytes.
   */
  private static String select(String name, ValueType type) {
    String quoted = '"' + name.replace("\"", "\"\"") + '"';
    return type == ValueType.TEXT ? "encode(cast(" + quoted + " as varchar))" : quoted;
  }

  /** The current row of the result set; column {@code i} of the source is result column {@code i + 2}. */
  private static final class Row implements VectorRow {

    private final ResultSet rs;
    private boolean wasNull;

    Row(ResultSet rs) {
      this.rs = rs;
    }

    @Override
    public byte[] customerId() {
      try {
        return rs.getBytes(1);
      } catch (SQLException e) {
        throw failure(e);
      }
    }

    @Override
    public boolean getBoolean(int column) {
      try {
        boolean value = rs.getBoolean(column + 2);
        wasNull = rs.wasNull();
        return value;
      } catch (SQLException e) {
        throw failure(e);
      }
    }

    @Override
    public int getInt(int column) {
      try {
        int value = rs.getInt(column + 2);
        wasNull = rs.wasNull();
        return value;
      } catch (SQLException e) {
        throw failure(e);
      }
    }

    @Override
    public long getLong(int column) {
      try {
        long value = rs.getLong(column + 2);
        wasNull = rs.wasNull();
        return value;
      } catch (SQLException e) {
        throw failure(e);
      }
    }

    @Override
    public double getDouble(int column) {
      try {
        double value = rs.getDouble(column + 2);
        wasNull = rs.wasNull();
        return value;
      } catch (SQLException e) {
        throw failure(e);
      }
    }

    @Override
    public byte[] getText(int column) {
      try {
        byte[] value = rs.getBytes(column + 2);
        wasNull = value == null;
        return value;
      } catch (SQLException e) {
        throw failure(e);
      }
    }

    @Override
    public boolean wasNull() {
      return wasNull;
    }

    private static OnlineStoreException failure(SQLException e) {
      return new OnlineStoreException("could not read a snapshot row: " + firstLine(e), e);
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // Only a read-only attachment is lost; the file is untouched.
    }
  }

  static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage()).strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
