package dev.loyaltylens.store;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The feature columns of an attached snapshot's {@code features} table ({@link
 * PublishedSnapshots#attach}), read from the file itself: the set of features grows with each
 * migration, so it is never assumed.
 */
public record SnapshotColumns(List<Column> features) {

  public static final String CUSTOMER_ID = "customer_id";

  public SnapshotColumns {
    features = List.copyOf(features);
  }

  /** A feature column: its name, its DuckDB type as the file has it, and how it is read. */
  public record Column(String name, String duckdbType, FeatureType type) {

    public String select() {
      return type.select(FeatureType.quoteIdentifier(name));
    }

    public FeatureColumn column() {
      return new FeatureColumn(name, duckdbType);
    }
  }

  /** The feature columns of {@code alias.features}, in table order. */
  public static SnapshotColumns of(Statement statement, String alias) throws SQLException {
    List<Column> features = new ArrayList<>();
    boolean hasId = false;
    try (var rs =
        statement.executeQuery(
            "select * from " + alias + "." + PublishedSnapshots.TABLE + " limit 0")) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        String name = meta.getColumnName(i);
        if (name.equals(CUSTOMER_ID)) {
          hasId = true;
        } else {
          String type = meta.getColumnTypeName(i);
          features.add(new Column(name, type, FeatureType.of(type)));
        }
      }
    }
    if (!hasId) {
      throw new SQLException("its features table has no customer_id column");
    }
    return new SnapshotColumns(features);
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
