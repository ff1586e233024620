package dev.loyaltylens.validation;

import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.FeatureStatistics;
import dev.loyaltylens.store.VersionStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Distribution statistics of one version's feature columns, computed in one pass for the numeric
 * columns: count, null rate, min, max, mean, standard deviation and quantiles; counts per value for
 * text columns.
 */
final class ColumnStatistics {

  static final double[] QUANTILES = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};
  private static final Set<String> NUMERIC =
      Set.of(
          "TINYINT",
          "SMALLINT",
          "INTEGER",
          "BIGINT",
          "HUGEINT",
          "UTINYINT",
          "USMALLINT",
          "UINTEGER",
          "UBIGINT",
          "FLOAT",
          "DOUBLE",
          "REAL");
  private static final int MAX_CATEGORIES = 50;

  private ColumnStatistics() {}

  static boolean isNumeric(FeatureColumn column) {
    return NUMERIC.contains(column.type()) || column.type().startsWith("DECIMAL");
  }

  /** Statistics per column, in the order of {@code columns}. */
  static VersionStatistics of(Handle handle, String version, List<FeatureColumn> columns) {
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
    Map<String, FeatureStatistics> stats = new LinkedHashMap<>();
    handle
        .createQuery(
            "select " + String.join(", ", selects) + " from features where version = :version")
        .bind("version", version)
        .map(
            (rs, ctx) -> {
              long rows = rs.getLong(1);
              int i = 2;
              for (FeatureColumn column : columns) {
                long nonNull = rs.getLong(i++);
                FeatureStatistics.Distribution distribution = null;
                if (isNumeric(column)) {
                  Double min = number(rs.getObject(i++));
                  Double max = number(rs.getObject(i++));
                  Double mean = number(rs.getObject(i++));
                  Double stddev = number(rs.getObject(i++));
                  Map<String, Double> quantiles = new LinkedHashMap<>();
                  Object array = rs.getArray(i++) == null ? null : rs.getArray(i - 1).getArray();
                  if (array instanceof Object[] values) {
                    for (int q = 0; q < QUANTILES.length && q < values.length; q++) {
                      quantiles.put("p" + Math.round(QUANTILES[q] * 100), number(values[q]));
                    }
                  }
                  distribution =
                      new FeatureStatistics.Distribution(min, max, mean, stddev, quantiles);
                }
                stats.put(
                    column.name(),
                    new FeatureStatistics(
                        column.type(),
                        nonNull,
                        rows - nonNull,
                        rows == 0 ? 0.0 : (double) (rows - nonNull) / rows,
                        distribution,
                        isNumeric(column) ? null : new LinkedHashMap<>()));
              }
              return rows;
            })
        .one();
    for (FeatureColumn column : columns) {
      if (!isNumeric(column)) {
        Map<String, Long> categories = new LinkedHashMap<>();
        handle
            .createQuery(
                "select "
                    + column.name()
                    + "::varchar, count(*) from features where version = :version and "
                    + column.name()
                    + " is not null group by 1 order by 2 desc, 1 limit "
                    + MAX_CATEGORIES)
            .bind("version", version)
            .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
            .forEach(entry -> categories.put(entry.getKey(), entry.getValue()));
        FeatureStatistics text = stats.get(column.name());
        stats.put(
            column.name(),
            new FeatureStatistics(
                text.type(), text.count(), text.nulls(), text.nullRate(), null, categories));
      }
    }
    return new VersionStatistics(stats);
  }

  private static String quantileList() {
    StringBuilder list = new StringBuilder("[");
    for (int i = 0; i < QUANTILES.length; i++) {
      list.append(i == 0 ? "" : ", ").append(QUANTILES[i]);
    }
    return list.append("]").toString();
  }

  /** A figure as JSON can hold it: null for none, and for NaN or infinity. */
  private static Double number(Object value) {
    if (value == null) {
      return null;
    }
    double number = ((Number) value).doubleValue();
    return Double.isFinite(number) ? number : null;
  }
}
