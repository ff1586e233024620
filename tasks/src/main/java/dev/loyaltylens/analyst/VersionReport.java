package dev.loyaltylens.analyst;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.consistency.ConsistencyRuns;
import dev.loyaltylens.store.FeatureStatistics;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.store.VersionStatistics;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A version's report ({@code report --version V}): one HTML page that draws, per feature, the
 * histogram of V over the previous published version's and the drift figures the gate measured, the
 * trend of the null rate, mean and quantiles over the last published versions, the quarantine
 * counts by reason of the same runs, and the latest consistency run that checked answers from V.
 * Everything comes from the registry (the gate's and staging's reports) and {@code
 * consistency_runs}; the charts are Chart.js's, inlined so that the page works offline.
 */
public final class VersionReport {

  /** How many published versions the trends go back over, V included. */
  static final int TREND_VERSIONS = 10;

  static final String CHART_JS_VERSION = "4.4.1";
  static final String CHART_JS_LICENCE = "chart.js-LICENSE.md";
  private static final String CHART_JS =
      "META-INF/resources/webjars/chart.js/" + CHART_JS_VERSION + "/";
  private static final List<String> TREND_QUANTILES = List.of("p5", "p25", "p50", "p75", "p95");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FeatureStore store;
  private final VersionRecord record;
  private final JsonNode gate;

  private VersionReport(FeatureStore store, VersionRecord record, JsonNode gate) {
    this.store = store;
    this.record = record;
    this.gate = gate;
  }

  /** The file a version's report is written to in {@code dir}. */
  public static Path file(Path dir, String version) {
    return dir.resolve(version + ".html");
  }

  /**
   * Writes the report of {@code version} into {@code dir} (with Chart.js's licence beside it);
   * returns the page.
   */
  public static Path write(FeatureStore store, String version, Path dir) {
    VersionRecord record = store.registry().require(version);
    if (record.validationReport() == null) {
      throw new LoyaltyLensException(
          "version "
              + version
              + " has not been through the gate yet: run `validate"
              + " --version "
              + version
              + "`, then `report` again");
    }
    VersionReport report = new VersionReport(store, record, parse(record.validationReport()));
    String html = new CatalogTemplates().render("report.ftlh", report.model());
    Path page = file(dir, version);
    try {
      Files.createDirectories(dir);
      Path temporary = dir.resolve("." + page.getFileName() + ".tmp");
      Files.writeString(temporary, html, StandardCharsets.UTF_8);
      Files.move(
          temporary, page, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(
          dir.resolve(CHART_JS_LICENCE), resource("LICENSE.md"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LoyaltyLensException(
          "could not write the report " + page + ": " + e.getMessage(), e);
    }
    return page;
  }

  private Map<String, Object> model() {
    Map<String, Object> model = new LinkedHashMap<>();
    JsonNode drift = gate.path("drift");
    String previous = drift.path("previous").isTextual() ? drift.path("previous").asText() : null;
    model.put("version", record.version());
    model.put("asOf", record.asOf().toString());
    model.put("status", record.status().dbValue());
    model.put("rows", String.format(java.util.Locale.ROOT, "%,d", record.rowCount()));
    model.put("publishedAt", record.publishedAt() == null ? "" : record.publishedAt().toString());
    model.put("previous", previous == null ? "" : previous);
    model.put("driftNote", drift.path("note").asText(""));
    model.put("passed", gate.path("passed").asBoolean());
    List<Map<String, String>> checks = new ArrayList<>();
    for (JsonNode check : gate.path("checks")) {
      String level = check.path("level").asText(check.path("passed").asBoolean() ? "ok" : "fail");
      checks.add(
          Map.of(
              "feature",
              check.path("feature").asText(),
              "check",
              check.path("check").asText(),
              "figure",
              check.path("figure").asText(),
              "threshold",
              check.path("threshold").asText(),
              "level",
              level,
              "message",
              check.path("message").asText("")));
    }
    checks.sort(Comparator.comparing(c -> List.of("fail", "warn", "ok").indexOf(c.get("level"))));
    model.put("checks", checks);

    List<VersionRecord> trend = trendVersions();
    ObjectNode data = JSON.createObjectNode();
    data.put("version", label(record));
    data.put("previous", previous == null ? "" : previous);
    ArrayNode labels = data.putArray("trendVersions");
    trend.forEach(v -> labels.add(label(v)));
    List<Map<String, Object>> features = new ArrayList<>();
    ArrayNode featureData = data.putArray("features");
    VersionStatistics stats = VersionStatistics.fromJson(gate.path(VersionStatistics.REPORT_FIELD));
    for (Map.Entry<String, FeatureStatistics> entry : stats.features().entrySet()) {
      String name = entry.getKey();
      JsonNode measured = drift.path("features").path(name);
      features.add(featureModel(name, entry.getValue(), measured));
      featureData.add(featureData(name, entry.getValue(), measured, trend));
    }
    model.put("features", features);
    data.set("quarantine", quarantine(trend));
    Optional<JsonNode> consistency = consistency();
    consistency.ifPresent(
        run -> {
          data.set("consistency", run.path("features"));
          model.put("consistency", consistencyModel(run));
        });
    model.put("data", scriptSafe(data));
    model.put("chartJs", resource("dist/chart.umd.js"));
    model.put("chartJsVersion", CHART_JS_VERSION);
    return model;
  }

  /**
   * The published versions up to V by publish time, the last {@link #TREND_VERSIONS}, with V last.
   */
  private List<VersionRecord> trendVersions() {
    List<VersionRecord> published =
        new ArrayList<>(
            store.registry().published().stream()
                .filter(v -> !v.version().equals(record.version()))
                .filter(
                    v ->
                        record.publishedAt() == null
                            || v.publishedAt().isBefore(record.publishedAt()))
                .filter(v -> v.validationReport() != null)
                .sorted(Comparator.comparing(VersionRecord::publishedAt))
                .toList());
    List<VersionRecord> trend =
        new ArrayList<>(
            published.subList(
                Math.max(0, published.size() - (TREND_VERSIONS - 1)), published.size()));
    trend.add(record);
    return trend;
  }

  private static Map<String, Object> featureModel(
      String name, FeatureStatistics stats, JsonNode drift) {
    Map<String, Object> feature = new LinkedHashMap<>();
    feature.put("name", name);
    feature.put("numeric", stats.isNumeric());
    feature.put("note", drift.path("note").asText(""));
    List<Map<String, String>> figures = new ArrayList<>();
    figure(
        figures,
        "PSI",
        drift,
        "psi",
        "psi_warn",
        "psi_fail",
        "psi_noise_floor",
        "psi_level",
        false);
    figure(
        figures,
        "mean shift",
        drift,
        "mean_shift",
        "mean_shift_warn",
        "mean_shift_fail",
        "mean_shift_noise_floor",
        "mean_shift_level",
        false);
    figure(
        figures,
        "null rate change",
        drift,
        "null_rate_change",
        "null_rate_change_warn",
        "null_rate_change_fail",
        "null_rate_change_noise_floor",
        "null_rate_change_level",
        true);
    feature.put("figures", figures);
    String worst =
        figures.stream()
            .map(f -> f.get("level"))
            .min(Comparator.comparing(level -> List.of("fail", "warn", "ok").indexOf(level)))
            .orElse("none");
    feature.put("level", worst);
    feature.put("nullRate", percent(stats.nullRate()));
    feature.put("mean", stats.distribution() == null ? "" : number(stats.distribution().mean()));
    return feature;
  }

  private static void figure(
      List<Map<String, String>> figures,
      String name,
      JsonNode drift,
      String value,
      String warn,
      String fail,
      String floor,
      String level,
      boolean share) {
    if (!drift.has(value)) {
      return;
    }
    figures.add(
        Map.of(
            "name",
            name,
            "value",
            share ? points(drift.path(value).asDouble()) : number(drift.path(value).asDouble()),
            "warn",
            share ? points(drift.path(warn).asDouble()) : number(drift.path(warn).asDouble()),
            "fail",
            share ? points(drift.path(fail).asDouble()) : number(drift.path(fail).asDouble()),
            "floor",
            share ? points(drift.path(floor).asDouble()) : number(drift.path(floor).asDouble()),
            "level",
            drift.path(level).asText("ok")));
  }

  /**
   * What the charts of one feature draw: its bins in both versions, and its trend over the
   * versions.
   */
  private ObjectNode featureData(
      String name, FeatureStatistics stats, JsonNode drift, List<VersionRecord> trend) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", name);
    node.put("numeric", stats.isNumeric());
    node.set("bins", drift.path("bins").isArray() ? drift.path("bins") : JSON.createArrayNode());
    node.set("counts", shares(drift.path("counts")));
    if (drift.has("previous_counts")) {
      node.set("previousCounts", shares(drift.path("previous_counts")));
    }
    ArrayNode nullRates = node.putArray("nullRate");
    ArrayNode means = node.putArray("mean");
    ObjectNode quantiles = node.putObject("quantiles");
    TREND_QUANTILES.forEach(quantiles::putArray);
    Set<String> categories = new LinkedHashSet<>();
    List<FeatureStatistics> history = new ArrayList<>();
    for (VersionRecord version : trend) {
      Optional<FeatureStatistics> then =
          version == record
              ? Optional.of(stats)
              : VersionStatistics.fromValidationReport(
                      version.version(), version.validationReport())
                  .feature(name);
      history.add(then.orElse(null));
      then.filter(s -> s.categories() != null)
          .ifPresent(s -> categories.addAll(s.categories().keySet()));
    }
    ObjectNode shares = node.putObject("categoryShares");
    categories.forEach(shares::putArray);
    for (FeatureStatistics then : history) {
      if (then == null) {
        nullRates.addNull();
        means.addNull();
        TREND_QUANTILES.forEach(q -> ((ArrayNode) quantiles.path(q)).addNull());
        categories.forEach(c -> ((ArrayNode) shares.path(c)).addNull());
        continue;
      }
      nullRates.add(then.nullRate());
      FeatureStatistics.Distribution distribution = then.distribution();
      if (distribution != null && distribution.mean() != null) {
        means.add(distribution.mean());
      } else {
        means.addNull();
      }
      TREND_QUANTILES.forEach(
          q -> {
            Double value = distribution == null ? null : distribution.quantiles().get(q);
            if (value == null) {
              ((ArrayNode) quantiles.path(q)).addNull();
            } else {
              ((ArrayNode) quantiles.path(q)).add(value);
            }
          });
      long total = then.count();
      categories.forEach(
          c -> {
            long count = then.categories() == null ? 0 : then.categories().getOrDefault(c, 0L);
            ((ArrayNode) shares.path(c)).add(total == 0 ? 0 : (double) count / total);
          });
    }
    return node;
  }

  /** Counts as shares of their total, so that versions of different sizes draw on one scale. */
  private static ArrayNode shares(JsonNode counts) {
    ArrayNode shares = JSON.createArrayNode();
    double total = 0;
    for (JsonNode count : counts) {
      total += count.asDouble();
    }
    for (JsonNode count : counts) {
      shares.add(total == 0 ? 0 : count.asDouble() / total);
    }
    return shares;
  }

  /**
   * Per version of the trend, the events staging set aside by reason, and the repeated events it
   * dropped.
   */
  private static ObjectNode quarantine(List<VersionRecord> trend) {
    ObjectNode node = JSON.createObjectNode();
    Map<String, List<Long>> reasons = new LinkedHashMap<>();
    ArrayNode read = node.putArray("rowsRead");
    for (int i = 0; i < trend.size(); i++) {
      JsonNode staging = parse(trend.get(i).stagingReport());
      read.add(staging.path("rows_read").asLong());
      Map<String, Long> counts = new LinkedHashMap<>();
      staging
          .path("quarantined_by_reason")
          .properties()
          .forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
      counts.put("duplicate event_id (dropped)", staging.path("duplicates_dropped").asLong());
      for (Map.Entry<String, Long> count : counts.entrySet()) {
        List<Long> series = reasons.computeIfAbsent(count.getKey(), k -> new ArrayList<>());
        while (series.size() < i) {
          series.add(0L);
        }
        series.add(count.getValue());
      }
      for (List<Long> series : reasons.values()) {
        while (series.size() < i + 1) {
          series.add(0L);
        }
      }
    }
    ObjectNode byReason = node.putObject("reasons");
    reasons.forEach(
        (reason, series) -> {
          ArrayNode values = byReason.putArray(reason);
          series.forEach(values::add);
        });
    return node;
  }

  /** The latest consistency run that checked answers served from this version. */
  private Optional<JsonNode> consistency() {
    List<JsonNode> runs = new ArrayList<>(ConsistencyRuns.all(store));
    java.util.Collections.reverse(runs);
    for (JsonNode run : runs) {
      for (JsonNode served : run.path("served_versions")) {
        if (served.path("version").asText().equals(record.version())) {
          return Optional.of(run);
        }
      }
    }
    return Optional.empty();
  }

  private Map<String, Object> consistencyModel(JsonNode run) {
    Map<String, Object> model = new LinkedHashMap<>();
    JsonNode answers = run.path("answers");
    model.put("since", run.path("since").asText());
    model.put("until", run.path("until").asText());
    model.put("lookups", Long.toString(run.path("lookups").asLong()));
    model.put("matched", Long.toString(answers.path("matched").asLong()));
    model.put("lag", Long.toString(answers.path("lag").asLong()));
    model.put("differ", Long.toString(answers.path("differ").asLong()));
    model.put("missing", Long.toString(answers.path("missing").asLong()));
    List<Map<String, String>> lags = new ArrayList<>();
    for (JsonNode lag : run.path("publish_lags")) {
      lags.add(
          Map.of(
              "version",
              lag.path("version").asText(),
              "server",
              lag.path("server").asText(),
              "publishedAt",
              lag.path("published_at").asText(),
              "firstServed",
              lag.path("first_served").asText(),
              "lag",
              String.format(java.util.Locale.ROOT, "%,d ms", lag.path("lag_ms").asLong())));
    }
    model.put("lags", lags);
    return model;
  }

  /** The short name a chart's axis gives a version: its as-of day and the hash its id ends with. */
  private static String label(VersionRecord version) {
    String id = version.version();
    int dash = id.lastIndexOf('-');
    return version.asOf().toString().substring(0, 10)
        + (dash < 0 ? "" : " " + id.substring(dash + 1));
  }

  /**
   * JSON that may stand inside a {@code <script>} element: no {@code <}, {@code >} or {@code &} as
   * such.
   */
  private static String scriptSafe(JsonNode data) {
    try {
      return JSON.writeValueAsString(data)
          .replace("<", "\\u003c")
          .replace(">", "\\u003e")
          .replace("&", "\\u0026");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report's chart data could not be written as JSON", e);
    }
  }

  private static String resource(String path) {
    try (InputStream in =
        VersionReport.class.getClassLoader().getResourceAsStream(CHART_JS + path)) {
      if (in == null) {
        throw new IllegalStateException(
            "Chart.js " + CHART_JS_VERSION + " is not on the class path: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("could not read Chart.js's " + path, e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return json == null ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (IOException e) {
      throw new LoyaltyLensException(
          "a report in the registry is not JSON: validate the version again", e);
    }
  }

  private static String number(Double value) {
    return value == null
        ? ""
        : BigDecimal.valueOf(value)
            .setScale(4, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString();
  }

  private static String percent(double share) {
    return BigDecimal.valueOf(share * 100)
            .setScale(2, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString()
        + "%";
  }

  private static String points(double share) {
    return (share > 0 ? "+" : "")
        + BigDecimal.valueOf(share * 100)
            .setScale(2, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString()
        + " pt";
  }
}
