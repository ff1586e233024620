package dev.loyaltylens.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyaltylens.store.FeatureColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Distribution statistics of one version's feature columns, computed in one pass for the numeric columns:
 * count, null rate, min, max, mean, standard deviation and quantiles; counts per value for text columns.
 */
final class ColumnStatistics {

  static final double[] QUANTILES = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};
  private static final Set<String> NUMERIC =
      Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT",
          "FLOAT", "DOUBLE", "REAL");
  private static final int MAX_CATEGORIES = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ColumnStatistics() {}

  static boolean isNumeric(FeatureColumn column) {
    return NUMERIC.contains(column.type()) || column.type().startsWith("DECIMAL");
  }

  /** Statistics per column name, plus the row count under the key {@code rows} of each entry. */
  static ObjectNode of(Handle handle, String version, List<FeatureColumn> columns) {
    List<String> selects = new ArrayList<>();
    selects.add("count(*)");
    for (FeatureColumn column : columns) {
      String name = column.name();
      selects.add("count(" + name + ")");
      if (isNumeric(column)) {
        selects.add("min(" + name + ")::double");
        selects.add("max(" + name + ")::double");
        selects.add("avg(" + name + ")::double");
        selects.add("stddev_samp(" + name + ")::double");
        selects.add("approx_quantile(" + name + "::double, " + quantileList() + ")");
      }
    }
    ObjectNode stats = JSON.createObjectNode();
    handle
        .createQuery("select " + String.join(", ", selects) + " from features where version = :version")
        .bind("version", version)
        .map(
            (rs, ctx) -> {
              long rows = rs.getLong(1);
              int i = 2;
              for (FeatureColumn column : columns) {
                ObjectNode node = stats.putObject(column.name());
                long nonNull = rs.getLong(i++);
                node.put("type", column.type());
                node.put("count", nonNull);
                node.put("nulls", rows - nonNull);
                node.put("null_rate", rows == 0 ? 0.0 : (double) (rows - nonNull) / rows);
                if (isNumeric(column)) {
                  putNumber(node, "min", rs.getObject(i++));
                  putNumber(node, "max", rs.getObject(i++));
                  putNumber(node, "mean", rs.getObject(i++));
                  putNumber(node, "stddev", rs.getObject(i++));
                  ObjectNode quantiles = node.putObject("quantiles");
                  Object array = rs.getArray(i++) == null ? null : rs.getArray(i - 1).getArray();
                  if (array instanceof Object[] values) {
                    for (int q = 0; q < QUANTILES.length && q < values.length; q++) {
                      putNumber(quantiles, "p" + Math.round(QUANTILES[q] * 100), values[q]);
                    }
                  }
                }
              }
              return rows;
            })
        .one();
    for (FeatureColumn column : columns) {
      if (!isNumeric(column)) {
        ObjectNode categories = ((ObjectNode) stats.get(column.name())).putObject("categories");
        handle
            .createQuery(
                "select " + column.name() + "::varchar, count(*) from features where version = :version and "
                    + column.name() + " is not null group by 1 order by 2 desc, 1 limit " + MAX_CATEGORIES)
            .bind("version", version)
            .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
            .forEach(entry -> categories.put(entry.getKey(), entry.getValue()));
      }
    }
    return stats;
  }

  private static String quantileList() {
    StringBuilder list = new StringBuilder("[");
    for (int i = 0; i < QUANTILES.length; i++) {
      list.append(i == 0 ? "" : ", ").append(QUANTILES[i]);
    }
    return list.append("]").toString();
  }

  private static void putNumber(ObjectNode node, String key, Object value) {
    if (value == null) {
      node.putNull(key);
    } else {
      double number = ((Number) value).doubleValue();
      if (Double.isFinite(number)) {
        node.put(key, number);
      } else {
        node.putNull(key);
      }
    }
  }
}
