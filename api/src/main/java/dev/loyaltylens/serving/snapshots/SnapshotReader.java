package dev.loyaltylens.serving.snapshots;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.serving.backend.ServedVersion;
import dev.loyaltylens.serving.backend.ServingException;
import dev.loyaltylens.serving.json.BatchJson;
import dev.loyaltylens.serving.json.JsonOut;
import dev.loyaltylens.serving.json.Vectors;
import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.FeatureType;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.SnapshotColumns;
import dev.loyaltylens.store.StoreHome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads vectors of versions that are not in memory straight from their snapshot files, attached
 * read-only to one private in-memory DuckDB (about 0.4 ms a lookup; the snapshot is sorted by id,
 * so zone maps skip most of it). A few recently used snapshots stay attached; the rest are
 * detached, so a later {@code gc} may delete them.
 *
 * <p>One connection serves every request, one at a time: older versions are for reproducing what a
 * model saw, not for the hot path.
 */
public final class SnapshotReader implements AutoCloseable {

  private static final int MAX_ATTACHED = 4;

  private final StoreHome home;
  private final Map<String, Attached> attached = new LinkedHashMap<>(16, 0.75f, true);
  private Connection connection;
  private int aliases;

  public SnapshotReader(StoreHome home) {
    this.home = home;
  }

  private record Attached(
      String alias, SnapshotColumns columns, PreparedStatement lookup, byte[] versionPart) {}

  /** A published version answered from its snapshot file. */
  public ServedVersion version(PublishedVersion version) {
    return new ServedVersion() {
      @Override
      public PublishedVersion published() {
        return version;
      }

      @Override
      public boolean writeVector(String customerId, JsonOut out) {
        return SnapshotReader.this.writeVector(version, customerId, out);
      }

      @Override
      public void writeBatch(List<String> customerIds, BatchJson batch) {
        Map<String, byte[]> found = features(version, customerIds);
        for (String id : customerIds) {
          byte[] features = found.get(id);
          if (features == null) {
            batch.notFound(id);
          } else {
            batch.beginFound(id).raw(features);
            batch.endFound();
          }
        }
      }

      @Override
      public long heapBytes() {
        return 0;
      }
    };
  }

  /** Writes one vector; false when the version does not hold the customer. */
  synchronized boolean writeVector(PublishedVersion version, String id, JsonOut out) {
    try {
      Attached snapshot = attach(version);
      snapshot.lookup().setString(1, id);
      try (ResultSet rs = snapshot.lookup().executeQuery()) {
        if (!rs.next()) {
          return false;
        }
        Vectors.writeStart(out, id, snapshot.versionPart());
        writeFeatures(rs, snapshot.columns(), 1, out);
        out.raw('}');
        return true;
      }
    } catch (SQLException e) {
      throw failure(version, e);
    }
  }

  /** The features object of each id the version holds, as JSON bytes. */
  synchronized Map<String, byte[]> features(PublishedVersion version, List<String> ids) {
    Map<String, byte[]> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    try {
      Attached snapshot = attach(version);
      String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
      String list = snapshot.columns().selectList();
      try (PreparedStatement statement =
          connection.prepareStatement(
              "select customer_id"
                  + (list.isEmpty() ? "" : ", " + list)
                  + " from "
                  + snapshot.alias()
                  + ".features where customer_id in ("
                  + placeholders
                  + ")")) {
        for (int i = 0; i < ids.size(); i++) {
          statement.setString(i + 1, ids.get(i));
        }
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            JsonOut out = new JsonOut(256);
            writeFeatures(rs, snapshot.columns(), 2, out);
            found.put(rs.getString(1), out.toBytes());
          }
        }
      }
      return found;
    } catch (SQLException e) {
      throw failure(version, e);
    }
  }

  /** Detaches every snapshot whose version is no longer published. */
  public synchronized void retain(Set<String> versions) {
    Iterator<Map.Entry<String, Attached>> entries = attached.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<String, Attached> entry = entries.next();
      if (!versions.contains(entry.getKey())) {
        detach(entry.getValue());
        entries.remove();
      }
    }
  }

  @Override
  public synchronized void close() {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing at shutdown: the process is going away and takes the native database with it.
    }
    connection = null;
    attached.clear();
  }

  private Attached attach(PublishedVersion version) throws SQLException {
    Attached known = attached.get(version.version());
    if (known != null) {
      return known;
    }
    if (connection == null) {
      Properties properties = new Properties();
      properties.setProperty("threads", "1");
      connection = DuckDbConnections.open("jdbc:duckdb:", properties);
    }
    if (attached.size() >= MAX_ATTACHED) {
      Iterator<Attached> oldest = attached.values().iterator();
      detach(oldest.next());
      oldest.remove();
    }
    String alias = "snapshot_" + aliases++;
    PublishedSnapshots.attach(connection, home, version.version(), alias);
    try (Statement statement = connection.createStatement()) {
      SnapshotColumns columns = SnapshotColumns.of(statement, alias);
      String list = columns.selectList();
      PreparedStatement lookup =
          connection.prepareStatement(
              "select "
                  + (list.isEmpty() ? "1" : list)
                  + " from "
                  + alias
                  + ".features where customer_id = ?");
      Attached snapshot = new Attached(alias, columns, lookup, Vectors.versionPart(version));
      attached.put(version.version(), snapshot);
      return snapshot;
    }
  }

  private void detach(Attached snapshot) {
    try {
      snapshot.lookup().close();
      PublishedSnapshots.detach(connection, snapshot.alias());
    } catch (SQLException e) {
      System.err.println(
          "serve: could not detach " + snapshot.alias() + ": " + LoyaltyLensException.firstLine(e));
    }
  }

  private static void writeFeatures(ResultSet rs, SnapshotColumns columns, int first, JsonOut out)
      throws SQLException {
    out.raw('{');
    List<SnapshotColumns.Column> features = columns.features();
    for (int i = 0; i < features.size(); i++) {
      if (i > 0) {
        out.raw(',');
      }
      SnapshotColumns.Column column = features.get(i);
      out.raw(JsonOut.quoted(column.name())).raw(':');
      writeValue(column.type(), rs, first + i, out);
    }
    out.raw('}');
  }

  /** Writes the value of a result set column, read with {@link FeatureType#select}, as JSON. */
  private static void writeValue(FeatureType type, ResultSet rs, int column, JsonOut out)
      throws SQLException {
    switch (type) {
      case BOOLEAN -> {
        boolean value = rs.getBoolean(column);
        if (rs.wasNull()) {
          out.nullValue();
        } else {
          out.bool(value);
        }
      }
      case INTEGER -> {
        int value = rs.getInt(column);
        if (rs.wasNull()) {
          out.nullValue();
        } else {
          out.number(value);
        }
      }
      case BIGINT -> {
        long value = rs.getLong(column);
        if (rs.wasNull()) {
          out.nullValue();
        } else {
          out.number(value);
        }
      }
      case DOUBLE -> {
        double value = rs.getDouble(column);
        if (rs.wasNull()) {
          out.nullValue();
        } else {
          out.number(value);
        }
      }
      case TEXT -> {
        String value = rs.getString(column);
        if (value == null) {
          out.nullValue();
        } else {
          out.raw(JsonOut.quoted(value));
        }
      }
    }
  }

  private static ServingException failure(PublishedVersion version, SQLException e) {
    return ServingException.serverError(
        "could not read the snapshot of version "
            + version.version()
            + ": "
            + LoyaltyLensException.firstLine(e),
        e);
  }
}
