package dev.loyaltylens.online;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.FeatureType;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.SnapshotColumns;
import dev.loyaltylens.store.StoreHome;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * A published snapshot read as a {@link VectorSource}: attached read-only ({@link
 * PublishedSnapshots#attach}) to a private in-memory DuckDB, its rows streamed (never all in the
 * heap), closed again once loaded.
 *
 * <p>Ids and text values come back as UTF-8 bytes ({@code encode}), not as Java strings: building a
 * string across JNI for every value is what reading costs most.
 */
public final class SnapshotVectors implements VectorSource, AutoCloseable {

  private static final String ALIAS = "snapshot";

  private final String description;
  private final Connection connection;
  private final SnapshotColumns snapshotColumns;
  private final List<FeatureColumn> columns;
  private final long rowCount;

  private SnapshotVectors(
      String description, Connection connection, SnapshotColumns columns, long rowCount) {
    this.description = description;
    this.connection = connection;
    this.snapshotColumns = columns;
    this.columns = columns.features().stream().map(SnapshotColumns.Column::column).toList();
    this.rowCount = rowCount;
  }

  /** Opens the snapshot of a published version ({@code published/V.duckdb} of a home) read-only. */
  public static SnapshotVectors open(StoreHome home, String version) {
    String description = "the snapshot " + home.snapshot(version) + " of " + version;
    Properties properties = new Properties();
    properties.setProperty("jdbc_stream_results", "true");
    Connection connection = null;
    try {
      connection = DuckDbConnections.open("jdbc:duckdb:", properties);
      PublishedSnapshots.attach(connection, home, version, ALIAS);
      try (Statement statement = connection.createStatement()) {
        SnapshotColumns columns = SnapshotColumns.of(statement, ALIAS);
        long rows;
        try (ResultSet rs =
            statement.executeQuery(
                "select count(*) from " + ALIAS + "." + PublishedSnapshots.TABLE)) {
          rs.next();
          rows = rs.getLong(1);
        }
        return new SnapshotVectors(description, connection, columns, rows);
      }
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new OnlineStoreException(
          "could not read " + description + ": " + LoyaltyLensException.firstLine(e), e);
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
    for (SnapshotColumns.Column column : snapshotColumns.features()) {
      select.append(", ").append(select(column));
    }
    select.append(" from ").append(ALIAS).append('.').append(PublishedSnapshots.TABLE);
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(select.toString())) {
      Row row = new Row(rs);
      long read = 0;
      while (rs.next()) {
        consumer.accept(row);
        read++;
      }
      if (read != rowCount) {
        throw new OnlineStoreException(
            description
                + " gave "
                + read
                + " rows where it counted "
                + rowCount
                + ": is it being replaced?");
      }
    } catch (SQLException e) {
      throw new OnlineStoreException(
          "could not read " + description + ": " + LoyaltyLensException.firstLine(e), e);
    }
  }

  @Override
  public void close() {
    closeQuietly(connection);
  }

  /**
   * The select expression that hands a column to {@link Row}: numbers and booleans as they are
   * (read with the same JDBC getters as the API's in-memory index, so both give the same values),
   * text as UTF-8 bytes.
   */
  private static String select(SnapshotColumns.Column column) {
    return column.type() == FeatureType.TEXT ? "encode(" + column.select() + ")" : column.select();
  }

  /**
   * The current row of the result set; column {@code i} of the source is result column {@code i +
   * 2}.
   */
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
      return new OnlineStoreException(
          "could not read a snapshot row: " + LoyaltyLensException.firstLine(e), e);
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
}
