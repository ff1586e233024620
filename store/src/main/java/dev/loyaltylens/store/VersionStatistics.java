package dev.loyaltylens.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The statistics of every feature column of a version, in table order, and their one JSON form: the
 * gate writes it into its report, the manifest carries it, and {@code GET /features/stats} answers
 * it.
 *
 * <p>{@code {"recency_days": {"type": "INTEGER", "count": 4200, "nulls": 0, "null_rate": 0.0,
 * "min": 0.0, "max": 179.0, "mean": 41.3, "stddev": 30.2, "quantiles": {"p1": 0.0, ...}},
 * "channel_preference": {"type": "VARCHAR", ..., "categories": {"mobile": 2300, ...}}}}
 */
public record VersionStatistics(Map<String, FeatureStatistics> features) {

  /** The field of the gate's report that holds the statistics. */
  public static final String REPORT_FIELD = "stats";

  private static final ObjectMapper JSON = new ObjectMapper();

  public VersionStatistics {
    features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
  }

  public static VersionStatistics empty() {
    return new VersionStatistics(Map.of());
  }

  public Optional<FeatureStatistics> feature(String name) {
    return Optional.ofNullable(features.get(name));
  }

  /** The columns measured, with their types, in table order. */
  public List<FeatureColumn> columns() {
    List<FeatureColumn> columns = new ArrayList<>();
    features.forEach((name, stats) -> columns.add(new FeatureColumn(name, stats.type())));
    return columns;
  }

  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    features.forEach(
        (name, stats) -> {
          ObjectNode node = root.putObject(name);
          node.put("type", stats.type());
          node.put("count", stats.count());
          node.put("nulls", stats.nulls());
          node.put("null_rate", stats.nullRate());
          FeatureStatistics.Distribution distribution = stats.distribution();
          if (distribution != null) {
            node.put("min", distribution.min());
            node.put("max", distribution.max());
            node.put("mean", distribution.mean());
            node.put("stddev", distribution.stddev());
            ObjectNode quantiles = node.putObject("quantiles");
            distribution.quantiles().forEach(quantiles::put);
          }
          if (stats.categories() != null) {
            ObjectNode categories = node.putObject("categories");
            stats.categories().forEach(categories::put);
          }
        });
    return root;
  }

  public static VersionStatistics fromJson(JsonNode root) {
    Map<String, FeatureStatistics> features = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode node = field.getValue();
      FeatureStatistics.Distribution distribution = null;
      if (node.has("min")
          || node.has("max")
          || node.has("mean")
          || node.has("stddev")
          || node.has("quantiles")) {
        Map<String, Double> quantiles = new LinkedHashMap<>();
        node.path("quantiles")
            .fields()
            .forEachRemaining(q -> quantiles.put(q.getKey(), number(q.getValue())));
        distribution =
            new FeatureStatistics.Distribution(
                number(node.get("min")),
                number(node.get("max")),
                number(node.get("mean")),
                number(node.get("stddev")),
                quantiles);
      }
      Map<String, Long> categories = null;
      if (node.has("categories")) {
        Map<String, Long> counts = new LinkedHashMap<>();
        node.path("categories")
            .fields()
            .forEachRemaining(c -> counts.put(c.getKey(), c.getValue().asLong()));
        categories = counts;
      }
      features.put(
          field.getKey(),
          new FeatureStatistics(
              node.path("type").asText(),
              node.path("count").asLong(),
              node.path("nulls").asLong(),
              node.path("null_rate").asDouble(),
              distribution,
              categories));
    }
    return new VersionStatistics(features);
  }

  /** The statistics in a report of the validation gate; empty when there is no report yet. */
  public static VersionStatistics fromValidationReport(String version, String report) {
    if (report == null) {
      return empty();
    }
    try {
      return fromJson(JSON.readTree(report).path(REPORT_FIELD));
    } catch (IOException e) {
      throw new StoreException(
          "the validation report of " + version + " is not JSON: validate it again", e);
    }
  }

  private static Double number(JsonNode value) {
    return value == null || !value.isNumber() ? null : value.asDouble();
  }
}
