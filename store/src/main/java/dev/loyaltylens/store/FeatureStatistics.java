package dev.loyaltylens.store;

import java.util.Map;

/**
 * The distribution statistics of one feature column of a version, as the validation gate measured
 * them.
 *
 * @param type the column's DuckDB type
 * @param count the non-null values
 * @param nullRate nulls over rows, 0 for an empty version
 * @param distribution min, max, mean, standard deviation and quantiles of a numeric column; null
 *     otherwise
 * @param categories the most frequent values of a text column and their counts, most frequent
 *     first; null for a numeric column
 */
public record FeatureStatistics(
    String type,
    long count,
    long nulls,
    double nullRate,
    Distribution distribution,
    Map<String, Long> categories) {

  public FeatureStatistics {
    categories =
        categories == null
            ? null
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(categories));
  }

  /**
   * What a numeric column's values look like; a figure is null when there is no value to take it
   * from.
   *
   * @param quantiles by name ({@code p1}, {@code p5}, ... {@code p99}), in increasing order
   */
  public record Distribution(
      Double min, Double max, Double mean, Double stddev, Map<String, Double> quantiles) {

    public Distribution {
      quantiles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(quantiles));
    }
  }

  public boolean isNumeric() {
    return distribution != null;
  }
}
