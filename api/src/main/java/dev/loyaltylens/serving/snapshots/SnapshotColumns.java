package dev.loyaltylens.serving.snapshots;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The feature columns of an attached snapshot's {@code features} table, read from the file itself: the set of
 * features grows with each migration, so it is never assumed.
 */
public record SnapshotColumns(List<Column> features) {

  public static final String CUSTOMER_ID = "customer_id";

  /** A feature column and how it is read. */
  public record Column(String name, FeatureType type) {

    public String select() {
      return type.select(FeatureType.quoteIdentifier(name));
    }
  }

  public static SnapshotColumns of(Statement statement, String schema) throws SQLException {
    List<Column> features = new ArrayList<>();
    boolean hasId = false;
    try (var rs = statement.executeQuery("select * from " + schema + ".features limit 0")) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        String name = meta.getColumnName(i);
        if (name.equals(CUSTOMER_ID)) {
          hasId = true;
        } else {
          features.add(new Column(name, FeatureType.of(meta.getColumnTypeName(i))));
        }
      }
    }
    if (!hasId) {
      throw new SQLException("its features table has no customer_id column");
    }
    return new SnapshotColumns(List.copyOf(features));
  }

  /** The feature columns as a select list, in table order. */
  public String selectList() {
    List<String> selects = new ArrayList<>();
    for (Column column : features) {
      selects.add(column.select());
    }
    return String.join(", ", selects);
  }
}
