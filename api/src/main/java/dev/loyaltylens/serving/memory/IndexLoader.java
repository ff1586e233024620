package dev.loyaltylens.serving.memory;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.serving.backend.ServingException;
import dev.loyaltylens.serving.json.JsonOut;
import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.FeatureType;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.SnapshotColumns;
import dev.loyaltylens.store.StoreHome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds a {@link FeatureIndex} from a version's snapshot file, opened read-only in a private
 * in-memory DuckDB that is closed again once the index is built, so its native memory is given
 * back.
 *
 * <p>Strings are what cost through JDBC (each is an object made across JNI), so ids are read as
 * bytes and text features with few distinct values come back as enum codes into a dictionary. The
 * ids and the features are read by two scans at once on two connections; DuckDB keeps a table's
 * order in a scan ({@code preserve_insertion_order}), so row {@code r} of one is row {@code r} of
 * the other.
 */
final class IndexLoader {

  /** Text columns with at most this many distinct values are dictionary-encoded. */
  static final int MAX_DICTIONARY = 65_536;

  private IndexLoader() {}

  /**
   * Builds the index of {@code version}, refusing first, with what it needs, one that does not fit
   * the heap.
   *
   * @param held the heap already taken by the index that answers meanwhile
   */
  static FeatureIndex load(StoreHome home, PublishedVersion version, long held) {
    Path file = home.snapshot(version.version());
    Properties properties = new Properties();
    properties.setProperty("jdbc_stream_results", "true");
    // The default, set anyway: the two scans line up row by row only because each keeps the table's
    // order.
    properties.setProperty("preserve_insertion_order", "true");
    long needed = 0;
    ExecutorService reader =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "index-loader");
              thread.setDaemon(true);
              return thread;
            });
    try (Connection connection = DuckDbConnections.open("jdbc:duckdb:", properties);
        Statement statement = connection.createStatement()) {
      PublishedSnapshots.attach(connection, home, version.version(), "snapshot");
      SnapshotColumns columns = SnapshotColumns.of(statement, "snapshot");
      Size size = size(statement, columns);
      int rows = size.rows();
      if (rows != version.rowCount()) {
        throw new SQLException(
            "it holds "
                + rows
                + " rows, and the version was published with "
                + version.rowCount()
                + ": it is corrupt or was replaced; `loyaltylens publish --version "
                + version.version()
                + "` rebuilds it from the store");
      }
      needed = HeapBudget.indexBytes(rows, size.idBytes(), costs(columns, size));
      HeapBudget.require(version, needed, held);
      List<String> selects = new ArrayList<>();
      List<IndexColumn> indexColumns = new ArrayList<>();
      for (int i = 0; i < columns.features().size(); i++) {
        SnapshotColumns.Column column = columns.features().get(i);
        byte[][] dictionary = null;
        String select = column.select();
        if (column.type() == FeatureType.TEXT && size.distinct()[i] <= MAX_DICTIONARY) {
          String type = "dictionary_" + i;
          dictionary = dictionary(statement, select, type);
          select = "enum_code(cast(" + select + " as " + type + "))";
        }
        selects.add(select);
        indexColumns.add(IndexColumn.of(column.name(), column.type(), rows, dictionary));
      }
      // Features on a second connection while this one reads the ids: both scans keep the table's
      // order.
      Future<Integer> features =
          reader.submit(
              () -> readFeatures(DuckDbConnections.duplicate(connection), selects, indexColumns));
      byte[] ids = new byte[(int) size.idBytes()];
      int[] starts = new int[rows + 1];
      int[] hashes = new int[rows];
      try (ResultSet rs =
          statement.executeQuery("select cast(customer_id as blob) from snapshot.features")) {
        readIds(rs, ids, starts, hashes);
      }
      int featureRows = features.get();
      if (featureRows != rows) {
        throw new SQLException(
            "it changed while it was read: " + featureRows + " feature rows, " + rows + " ids");
      }
      PublishedSnapshots.detach(connection, "snapshot");
      return new FeatureIndex(version, ids, starts, hashes, indexColumns);
    } catch (SQLException | ExecutionException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      if (cause instanceof OutOfMemoryError outOfMemory) {
        throw outOfHeap(version, needed, held, outOfMemory);
      }
      throw ServingException.serverError(
          "could not load snapshot "
              + file
              + " of version "
              + version.version()
              + ": "
              + LoyaltyLensException.firstLine(cause),
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ServingException.serverError("interrupted while loading " + file, e);
    } catch (OutOfMemoryError e) {
      throw outOfHeap(version, needed, held, e);
    } finally {
      reader.shutdownNow();
    }
  }

  /**
   * The heap ran out although the budget said the index fits (the rest of the heap held more than
   * it allows for): what was built so far is unreachable once this is thrown, so the heap is whole
   * again for the next try.
   */
  private static ServingException outOfHeap(
      PublishedVersion version, long needed, long held, OutOfMemoryError e) {
    long max = Runtime.getRuntime().maxMemory();
    return ServingException.serverError(
        "the heap ran out while loading it: "
            + HeapBudget.tooLarge(version, Math.max(needed, max - held), max, held),
        e);
  }

  /**
   * The row count, the bytes of all ids and, per feature, an estimate of its distinct values and
   * its text bytes (only text features' are used), all in one scan.
   */
  private record Size(int rows, long idBytes, long[] distinct, long[] textBytes) {}

  /** What each feature column will cost in the index. */
  private static List<HeapBudget.Column> costs(SnapshotColumns columns, Size size) {
    List<HeapBudget.Column> costs = new ArrayList<>();
    for (int i = 0; i < columns.features().size(); i++) {
      FeatureType type = columns.features().get(i).type();
      boolean coded = type == FeatureType.TEXT && size.distinct()[i] <= MAX_DICTIONARY;
      // An uncoded value is an array of its quoted bytes: a 16-byte header, the quotes, rounded up
      // to 8.
      costs.add(new HeapBudget.Column(type, coded, size.textBytes()[i] + 24L * size.rows()));
    }
    return costs;
  }

  private static Size size(Statement statement, SnapshotColumns columns) throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "select count(*), count(customer_id), coalesce(sum(strlen(customer_id)), 0)");
    for (SnapshotColumns.Column column : columns.features()) {
      sql.append(
          column.type() == FeatureType.TEXT
              ? ", approx_count_distinct("
                  + column.select()
                  + "), coalesce(sum(strlen("
                  + column.select()
                  + ")), 0)"
              : ", 0, 0");
    }
    try (ResultSet rs = statement.executeQuery(sql.append(" from snapshot.features").toString())) {
      rs.next();
      long rows = rs.getLong(1);
      long bytes = rs.getLong(3);
      if (rs.getLong(2) != rows) {
        throw new SQLException("its features table has rows without a customer_id");
      }
      if (rows >= Integer.MAX_VALUE || bytes >= Integer.MAX_VALUE) {
        throw new SQLException("its " + rows + " rows are more than one index holds");
      }
      long[] distinct = new long[columns.features().size()];
      long[] textBytes = new long[distinct.length];
      for (int i = 0; i < distinct.length; i++) {
        distinct[i] = rs.getLong(4 + 2 * i);
        textBytes[i] = rs.getLong(5 + 2 * i);
      }
      return new Size((int) rows, bytes, distinct, textBytes);
    }
  }

  /** An enum type of a text column's values, and their JSON literals in the order of its codes. */
  private static byte[][] dictionary(Statement statement, String select, String type)
      throws SQLException {
    statement.execute(
        "create type "
            + type
            + " as enum (select distinct "
            + select
            + " from snapshot.features where "
            + select
            + " is not null)");
    List<byte[]> values = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery("select unnest(enum_range(null::" + type + "))")) {
      while (rs.next()) {
        values.add(JsonOut.quoted(rs.getString(1)));
      }
    }
    return values.toArray(byte[][]::new);
  }

  private static void readIds(ResultSet rs, byte[] ids, int[] starts, int[] hashes)
      throws SQLException {
    int rows = hashes.length;
    int row = 0;
    int offset = 0;
    while (rs.next()) {
      byte[] id = rs.getBytes(1);
      if (row == rows || offset + id.length > ids.length) {
        throw new SQLException("it changed while it was read");
      }
      System.arraycopy(id, 0, ids, offset, id.length);
      starts[row] = offset;
      hashes[row] = FeatureIndex.hash(ids, offset, offset + id.length);
      offset += id.length;
      row++;
    }
    if (row != rows || offset != ids.length) {
      throw new SQLException("it changed while it was read");
    }
    starts[rows] = offset;
  }

  /** Reads the feature columns on a connection of its own; returns the rows read. */
  private static int readFeatures(Connection own, List<String> selects, List<IndexColumn> columns)
      throws SQLException {
    try (own;
        Statement statement = own.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "select "
                    + (selects.isEmpty() ? "1" : String.join(", ", selects))
                    + " from snapshot.features")) {
      int count = columns.size();
      int row = 0;
      while (rs.next()) {
        for (int i = 0; i < count; i++) {
          columns.get(i).read(rs, i + 1, row);
        }
        row++;
      }
      return row;
    }
  }
}
