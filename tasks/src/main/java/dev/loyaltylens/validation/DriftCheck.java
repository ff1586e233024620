package dev.loyaltylens.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.FeatureStatistics;
import dev.loyaltylens.store.SqlLiteral;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.store.VersionStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * The gate's drift checks: each feature of a version against the previous published version. A
 * numeric feature's values are counted in the bins that the previous version's quantiles cut (p1,
 * p5, p25, p50, p75, p95, p99, from its statistics), a text feature's per category, and the
 * population stability index of the two is compared with the feature's thresholds; so are the shift
 * of a numeric feature's mean and the rise of its null rate. PSI over quantile bins hardly moves
 * when a part of the customers shifts (spend doubled for a fifth of them gives about 0.02), which
 * the mean's shift shows at once. The counts of both versions go into the report, so that the
 * version's report page draws them.
 *
 * <p>Sampling noise alone moves every figure, the more so the fewer the rows: a threshold is raised
 * to what two samples of the same distribution exceed once in a thousand runs (for PSI about a
 * chi-square quantile over the sizes, for a mean Welch's standard error, for a null rate a
 * two-proportion bound), so a small version does not fail for its size and a large one is held to
 * the threshold as set.
 */
final class DriftCheck {

  static final String REPORT_FIELD = "drift";

  /**
   * A numeric feature's own quantiles, and its counts in the bins they cut: the next version's
   * expected counts.
   */
  static final String OWN_EDGES = "own_edges";

  static final String OWN_COUNTS = "own_counts";

  /**
   * The standard normal quantile of 0.999: a noise floor that unchanged data passes 999 runs in
   * 1,000.
   */
  static final double Z_999 = 3.090232;

  /**
   * Added to every bin's count so that an empty bin has a finite share (and the index a finite
   * value).
   */
  private static final double SMOOTHING = 0.5;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DefinitionSet definitions;
  private final GateSettings settings;

  DriftCheck(DefinitionSet definitions, GateSettings settings) {
    this.definitions = definitions;
    this.settings = settings;
  }

  /** The checks to add to the gate's, and the {@code drift} part of its report. */
  record Result(List<CheckResult> checks, ObjectNode report) {}

  Result measure(
      Handle handle,
      VersionRecord record,
      Optional<VersionRecord> previous,
      List<FeatureColumn> columns,
      VersionStatistics stats) {
    ObjectNode report = JSON.createObjectNode();
    List<CheckResult> checks = new ArrayList<>();
    String version = record.version();
    report.put("version", version);
    report.put("previous", previous.map(VersionRecord::version).orElse(null));
    if (settings.drift() == null) {
      report.put("note", "the drift checks were skipped for this run (--no-drift)");
      checks.add(
          new CheckResult(
              "*",
              "drift",
              "not checked",
              "--no-drift",
              true,
              true,
              "version "
                  + version
                  + " was not checked for drift against "
                  + previous.map(VersionRecord::version).orElse("any version")
                  + ": --no-drift"));
      report.putObject("features");
      return new Result(checks, report);
    }
    if (previous.isEmpty()) {
      report.put("note", "the first published version: nothing to drift from");
      checks.add(
          new CheckResult(
              "*", "drift", "nothing to drift from", "a previous published version", true, ""));
    }
    ObjectNode features = report.putObject("features");
    if (record.rowCount() == 0) {
      return new Result(checks, report);
    }
    VersionStatistics before =
        previous
            .map(p -> VersionStatistics.fromValidationReport(p.version(), p.validationReport()))
            .orElse(VersionStatistics.empty());
    String reference = previous.map(VersionRecord::version).orElse(version);
    List<FeatureColumn> numeric = columns.stream().filter(ColumnStatistics::isNumeric).toList();
    // This version is counted once, in the previous version's bins and in its own, which the next
    // version's gate
    // takes as its expected counts; the previous version's own counts come from its report.
    Map<String, double[]> edges = edges(previous.isPresent() ? before : stats, numeric);
    Map<String, double[]> ownEdges = edges(stats, numeric);
    List<Map<String, long[]>> counted = histograms(handle, version, List.of(edges, ownEdges));
    Map<String, long[]> expected =
        previous.isEmpty() ? Map.of() : expectedCounts(handle, previous.get(), edges);

    for (FeatureColumn column : columns) {
      String name = column.name();
      Optional<FeatureStatistics> now = stats.feature(name);
      if (now.isEmpty()) {
        continue;
      }
      ObjectNode node = features.putObject(name);
      Optional<FeatureStatistics> then =
          previous.isPresent() ? before.feature(name) : Optional.empty();
      // With no edge (the reference had no value), every value falls in the one bin.
      long[] inBins =
          edges.get(name) != null && edges.get(name).length == 0
              ? new long[] {now.get().count()}
              : counted.get(0).get(name);
      Bins bins =
          ColumnStatistics.isNumeric(column)
              ? numericBins(edges.get(name), inBins, then.isEmpty() ? null : expected.get(name))
              : categoryBins(now.get(), then.orElse(null));
      bins.write(node);
      if (ColumnStatistics.isNumeric(column)) {
        ArrayNode own = node.putArray(OWN_EDGES);
        Arrays.stream(ownEdges.get(name)).forEach(own::add);
        ArrayNode ownCounts = node.putArray(OWN_COUNTS);
        Arrays.stream(counted.get(1).get(name)).forEach(ownCounts::add);
      }
      if (previous.isEmpty()) {
        continue;
      }
      if (then.isEmpty()) {
        node.put("note", "new in this version: nothing to drift from");
        checks.add(
            new CheckResult(
                name, "drift", "new since " + reference, "a column of " + reference, true, ""));
        continue;
      }
      if (bins.previous() == null) {
        node.put(
            "note", "the rows of " + reference + " are no longer in the store: nothing to compare");
        checks.add(
            new CheckResult(
                name, "drift", "rows of " + reference + " removed", "rows to compare", true, ""));
        continue;
      }
      DriftThresholds thresholds = thresholds(name);
      checks.add(psiCheck(name, version, reference, bins, thresholds, node));
      meanShiftCheck(name, version, reference, now.get(), then.get(), thresholds, node)
          .ifPresent(checks::add);
      checks.add(nullRateCheck(name, version, reference, now.get(), then.get(), thresholds, node));
    }
    return new Result(checks, report);
  }

  /** The defaults, then the feature's header, then this run's settings for the feature. */
  DriftThresholds thresholds(String feature) {
    DriftThresholds thresholds = settings.drift();
    Optional<Definition> definition = definitions.find(feature);
    if (definition.isPresent()) {
      thresholds = thresholds.with(definition.get().header().drift());
    }
    return thresholds.with(settings.driftOverrides().getOrDefault(feature, Map.of()));
  }

  /**
   * The counts of one feature in both versions over the same bins.
   *
   * @param labels what each bin holds, for the report
   * @param previous null when there is no previous version to count
   */
  private record Bins(
      String kind, List<String> labels, double[] edges, long[] counts, long[] previous) {

    long total(long[] values) {
      return Arrays.stream(values).sum();
    }

    void write(ObjectNode node) {
      node.put("kind", kind);
      if (edges != null) {
        ArrayNode list = node.putArray("edges");
        Arrays.stream(edges).forEach(list::add);
      }
      ArrayNode names = node.putArray("bins");
      labels.forEach(names::add);
      ArrayNode current = node.putArray("counts");
      Arrays.stream(counts).forEach(current::add);
      if (previous != null) {
        ArrayNode before = node.putArray("previous_counts");
        Arrays.stream(previous).forEach(before::add);
      }
    }
  }

  private CheckResult psiCheck(
      String name,
      String version,
      String reference,
      Bins bins,
      DriftThresholds thresholds,
      ObjectNode node) {
    long n = bins.total(bins.counts());
    long m = bins.total(bins.previous());
    double psi = psi(bins.previous(), bins.counts());
    double floor =
        n == 0 || m == 0 ? 0 : chiSquare999(bins.counts().length - 1) * (1.0 / n + 1.0 / m);
    double warn = Math.max(thresholds.psiWarn(), floor);
    double fail = Math.max(thresholds.psiFail(), floor);
    node.put("psi", psi);
    node.put("psi_noise_floor", floor);
    node.put("psi_warn", warn);
    node.put("psi_fail", fail);
    String level = level(psi, warn, fail);
    node.put("psi_level", level);
    String threshold =
        "<= " + ValidationGate.number(fail) + raised(fail, thresholds.psiFail(), n, m, "values");
    String figure = "PSI " + ValidationGate.number(psi) + " vs " + reference;
    String over =
        level.equals("fail")
            ? "threshold " + ValidationGate.number(fail)
            : "warning at " + ValidationGate.number(warn);
    return new CheckResult(
        name,
        "drift_psi",
        figure,
        threshold,
        !level.equals("fail"),
        level.equals("warn"),
        "feature `"
            + name
            + "` of "
            + version
            + " drifted from "
            + reference
            + ": PSI "
            + ValidationGate.number(psi)
            + " over "
            + bins.counts().length
            + " "
            + ("numeric".equals(bins.kind())
                ? "bins of " + reference + "'s quantiles"
                : "categories")
            + ", "
            + over
            + raised(fail, thresholds.psiFail(), n, m, "values")
            + ": see "
            + templateOf(name)
            + " (a `drift:` psi_fail in its header, or --drift "
            + name
            + ".psi_fail=N, sets another)");
  }

  /**
   * How far a numeric feature's mean moved, over the previous version's scale: the larger of its
   * mean (in size) and its standard deviation, so that a feature whose mean is near zero is
   * measured in standard deviations. Empty for a text feature, or one whose previous values were
   * all nulls or one constant zero.
   */
  private Optional<CheckResult> meanShiftCheck(
      String name,
      String version,
      String reference,
      FeatureStatistics now,
      FeatureStatistics then,
      DriftThresholds thresholds,
      ObjectNode node) {
    FeatureStatistics.Distribution after = now.distribution();
    FeatureStatistics.Distribution before = then.distribution();
    if (after == null || before == null || after.mean() == null || before.mean() == null) {
      return Optional.empty();
    }
    double beforeSpread = before.stddev() == null ? 0 : before.stddev();
    double afterSpread = after.stddev() == null ? 0 : after.stddev();
    double scale = Math.max(Math.abs(before.mean()), beforeSpread);
    if (!(scale > 0)) {
      return Optional.empty();
    }
    long n = now.count();
    long m = then.count();
    double shift = Math.abs(after.mean() - before.mean()) / scale;
    double floor =
        n == 0 || m == 0
            ? 0
            : Z_999
                * Math.sqrt(afterSpread * afterSpread / n + beforeSpread * beforeSpread / m)
                / scale;
    double warn = Math.max(thresholds.meanShiftWarn(), floor);
    double fail = Math.max(thresholds.meanShiftFail(), floor);
    node.put("mean", after.mean());
    node.put("previous_mean", before.mean());
    node.put("mean_shift", shift);
    node.put("mean_shift_noise_floor", floor);
    node.put("mean_shift_warn", warn);
    node.put("mean_shift_fail", fail);
    String level = level(shift, warn, fail);
    node.put("mean_shift_level", level);
    String over =
        level.equals("fail")
            ? "threshold " + ValidationGate.number(fail)
            : "warning at " + ValidationGate.number(warn);
    return Optional.of(
        new CheckResult(
            name,
            "mean_shift",
            "shift " + ValidationGate.number(shift) + " vs " + reference,
            "<= "
                + ValidationGate.number(fail)
                + raised(fail, thresholds.meanShiftFail(), n, m, "values"),
            !level.equals("fail"),
            level.equals("warn"),
            "feature `"
                + name
                + "` of "
                + version
                + " shifted from "
                + reference
                + ": mean "
                + ValidationGate.number(after.mean())
                + " against "
                + ValidationGate.number(before.mean())
                + ", a shift of "
                + ValidationGate.number(shift)
                + " of "
                + reference
                + "'s scale (the larger of its mean and standard"
                + " deviation), "
                + over
                + raised(fail, thresholds.meanShiftFail(), n, m, "values")
                + ": see "
                + templateOf(name)
                + " (a `drift:` mean_shift_fail in its header, or --drift "
                + name
                + ".mean_shift_fail=N, sets another)"));
  }

  private CheckResult nullRateCheck(
      String name,
      String version,
      String reference,
      FeatureStatistics now,
      FeatureStatistics then,
      DriftThresholds thresholds,
      ObjectNode node) {
    long n = now.count() + now.nulls();
    long m = then.count() + then.nulls();
    double change = now.nullRate() - then.nullRate();
    double pooled = n + m == 0 ? 0 : (double) (now.nulls() + then.nulls()) / (n + m);
    double floor =
        n == 0 || m == 0 ? 0 : Z_999 * Math.sqrt(pooled * (1 - pooled) * (1.0 / n + 1.0 / m));
    double warn = Math.max(thresholds.nullRateChangeWarn(), floor);
    double fail = Math.max(thresholds.nullRateChangeFail(), floor);
    node.put("null_rate", now.nullRate());
    node.put("previous_null_rate", then.nullRate());
    node.put("null_rate_change", change);
    node.put("null_rate_change_noise_floor", floor);
    node.put("null_rate_change_warn", warn);
    node.put("null_rate_change_fail", fail);
    String level = level(change, warn, fail);
    node.put("null_rate_change_level", level);
    String over =
        level.equals("fail") ? "threshold +" + points(fail) : "warning at +" + points(warn);
    return new CheckResult(
        name,
        "null_rate_change",
        signedPoints(change) + " vs " + reference,
        "<= +" + points(fail) + raised(fail, thresholds.nullRateChangeFail(), n, m, "rows"),
        !level.equals("fail"),
        level.equals("warn"),
        "feature `"
            + name
            + "` of "
            + version
            + " has "
            + ValidationGate.percent(now.nullRate())
            + " nulls against "
            + ValidationGate.percent(then.nullRate())
            + " in "
            + reference
            + " ("
            + signedPoints(change)
            + "), "
            + over
            + raised(fail, thresholds.nullRateChangeFail(), n, m, "rows")
            + ": see "
            + templateOf(name)
            + " (a `drift:` null_rate_change_fail in its header, or --drift "
            + name
            + ".null_rate_change_fail=N, sets another)");
  }

  private static String level(double figure, double warn, double fail) {
    return figure > fail ? "fail" : figure > warn ? "warn" : "ok";
  }

  private static String raised(double effective, double set, long n, long m, String what) {
    return effective > set
        ? " (raised from "
            + ValidationGate.number(set)
            + " to the sampling noise of "
            + n
            + " and "
            + m
            + " "
            + what
            + ")"
        : "";
  }

  private static String points(double share) {
    return ValidationGate.percent(share).replace("%", " points");
  }

  private static String signedPoints(double share) {
    return (share >= 0 ? "+" : "") + points(share) + " of nulls";
  }

  private String templateOf(String feature) {
    return definitions
        .find(feature)
        .map(Definition::displayPath)
        .orElse("sql/features/" + feature + ".sql.ftl");
  }

  /**
   * The population stability index of {@code actual} against {@code expected}: the sum over bins of
   * (a - e) ln(a / e) on their shares, each count smoothed by a half so that an empty bin does not
   * make it infinite.
   */
  static double psi(long[] expected, long[] actual) {
    int bins = expected.length;
    double expectedTotal = Arrays.stream(expected).sum() + SMOOTHING * bins;
    double actualTotal = Arrays.stream(actual).sum() + SMOOTHING * bins;
    double index = 0;
    for (int i = 0; i < bins; i++) {
      double e = (expected[i] + SMOOTHING) / expectedTotal;
      double a = (actual[i] + SMOOTHING) / actualTotal;
      index += (a - e) * Math.log(a / e);
    }
    return index;
  }

  /**
   * The 0.999 quantile of the chi-square distribution with {@code degrees} degrees of freedom, by
   * Wilson and Hilferty's cube-root approximation (within a few percent, on the high side for one
   * or two degrees). Two samples of n and m values from one distribution have n m / (n + m) PSI
   * about chi-square distributed over bins - 1.
   */
  static double chiSquare999(int degrees) {
    if (degrees <= 0) {
      return 0;
    }
    double k = degrees;
    double cube = 1 - 2 / (9 * k) + Z_999 * Math.sqrt(2 / (9 * k));
    return k * cube * cube * cube;
  }

  /**
   * The bin edges of each numeric column: the distinct quantiles (p1, p5, p25, p50, p75, p95, p99)
   * the gate measured on the reference version, in increasing order. Taken from its statistics, so
   * no pass over its rows is needed.
   */
  private static Map<String, double[]> edges(
      VersionStatistics reference, List<FeatureColumn> numeric) {
    Map<String, double[]> edges = new LinkedHashMap<>();
    for (FeatureColumn column : numeric) {
      Set<Double> distinct = new TreeSet<>();
      reference
          .feature(column.name())
          .map(FeatureStatistics::distribution)
          .ifPresent(
              d ->
                  d.quantiles().values().stream()
                      .filter(v -> v != null && Double.isFinite(v))
                      .forEach(distinct::add));
      edges.put(column.name(), distinct.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return edges;
  }

  /**
   * Per set of edges, each numeric column's non-null values of {@code version} counted in the bins
   * they cut: up to and including the first edge, above each edge up to and including the next,
   * above the last. One pass over the version's rows, by DuckDB's {@code histogram}, which finds a
   * value's bin by binary search.
   */
  private static List<Map<String, long[]>> histograms(
      Handle handle, String version, List<Map<String, double[]>> edgeSets) {
    List<String> aggregates = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    List<Map<String, long[]>> counts = new ArrayList<>();
    for (int set = 0; set < edgeSets.size(); set++) {
      Map<String, long[]> perColumn = new LinkedHashMap<>();
      for (Map.Entry<String, double[]> column : edgeSets.get(set).entrySet()) {
        perColumn.put(column.getKey(), new long[column.getValue().length + 1]);
        if (column.getValue().length == 0) {
          continue;
        }
        String alias = "h" + set + "_" + aggregates.size();
        // Each edge goes in as the text of its double, which DuckDB parses to that same double; a
        // numeric literal
        // would be read as a DECIMAL first and then converted. The bins are looked up by these
        // exact values below.
        StringBuilder list = new StringBuilder("[");
        for (double edge : column.getValue()) {
          list.append(list.length() == 1 ? "" : ", ").append(SqlLiteral.of(Double.toString(edge)));
        }
        aggregates.add(
            "histogram(" + column.getKey() + "::double, " + list + "]::double[]) as " + alias);
        rows.add(
            "select "
                + set
                + " as edge_set, "
                + SqlLiteral.of(column.getKey())
                + " as name,"
                + " unnest(map_keys("
                + alias
                + ")) as upper, unnest(map_values("
                + alias
                + ")) as n from h");
      }
      counts.add(perColumn);
    }
    if (aggregates.isEmpty()) {
      return counts;
    }
    handle
        .createQuery(
            "with h as (select "
                + String.join(", ", aggregates)
                + " from features where version = :version)"
                + " "
                + String.join(" union all ", rows))
        .bind("version", version)
        .map(
            (rs, ctx) -> {
              int set = rs.getInt(1);
              String name = rs.getString(2);
              double[] cuts = edgeSets.get(set).get(name);
              double upper = rs.getDouble(3);
              int bin = Arrays.binarySearch(cuts, upper);
              // DuckDB keys each bin by its upper edge and the values above the last one by
              // infinity; any other key
              // would put its count in the wrong bin and the index would report a drift that is not
              // there.
              if (bin < 0 && upper != Double.POSITIVE_INFINITY) {
                throw new IllegalStateException(
                    "DuckDB's histogram of "
                        + name
                        + " has a bin up to "
                        + upper
                        + ", none of the edges "
                        + Arrays.toString(cuts));
              }
              counts.get(set).get(name)[bin < 0 ? cuts.length : bin] += rs.getLong(4);
              return 0;
            })
        .list();
    return counts;
  }

  /**
   * The previous version's counts in its own bins, kept in its report by its gate run; a version
   * validated before reports kept them is counted from its rows in the store.
   */
  private static Map<String, long[]> expectedCounts(
      Handle handle, VersionRecord previous, Map<String, double[]> edges) {
    Map<String, long[]> expected = new LinkedHashMap<>();
    Map<String, double[]> uncounted = new LinkedHashMap<>();
    JsonNode kept = readTree(previous.validationReport()).path(REPORT_FIELD).path("features");
    edges.forEach(
        (name, cuts) -> {
          JsonNode feature = kept.path(name);
          long[] counts = longs(feature.path(OWN_COUNTS));
          if (Arrays.equals(doubles(feature.path(OWN_EDGES)), cuts)
              && counts.length == cuts.length + 1) {
            expected.put(name, counts);
          } else {
            uncounted.put(name, cuts);
          }
        });
    if (!uncounted.isEmpty()) {
      Map<String, long[]> counted =
          histograms(handle, previous.version(), List.of(uncounted)).get(0);
      counted.forEach(
          (name, counts) -> {
            if (Arrays.stream(counts).sum() > 0) {
              expected.put(name, counts);
            }
          });
    }
    return expected;
  }

  private static JsonNode readTree(String json) {
    try {
      return json == null ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (java.io.IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static double[] doubles(JsonNode list) {
    double[] values = new double[list.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = list.get(i).asDouble();
    }
    return values;
  }

  private static long[] longs(JsonNode list) {
    long[] values = new long[list.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = list.get(i).asLong();
    }
    return values;
  }

  private static Bins numericBins(double[] edges, long[] counts, long[] previous) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i <= edges.length; i++) {
      labels.add(
          i == 0
              ? (edges.length == 0 ? "all values" : "<= " + ValidationGate.number(edges[0]))
              : i == edges.length
                  ? "> " + ValidationGate.number(edges[i - 1])
                  : ValidationGate.number(edges[i - 1]) + " to " + ValidationGate.number(edges[i]));
    }
    long[] none = new long[edges.length + 1];
    return new Bins(
        "numeric",
        labels,
        edges,
        counts == null ? none : counts,
        previous == null ? null : previous);
  }

  /**
   * A text feature's categories in both versions, from the counts the statistics keep; what falls
   * outside the categories they list (a long tail) is one more bin.
   */
  private static Bins categoryBins(FeatureStatistics now, FeatureStatistics then) {
    Set<String> names = new LinkedHashSet<>();
    if (then != null && then.categories() != null) {
      names.addAll(then.categories().keySet());
    }
    if (now.categories() != null) {
      names.addAll(now.categories().keySet());
    }
    long[] counts = categoryCounts(now, names);
    long[] previous = then == null ? null : categoryCounts(then, names);
    List<String> labels = new ArrayList<>(names);
    if (counts[counts.length - 1] > 0 || (previous != null && previous[previous.length - 1] > 0)) {
      labels.add("other values");
    } else {
      counts = Arrays.copyOf(counts, counts.length - 1);
      previous = previous == null ? null : Arrays.copyOf(previous, previous.length - 1);
    }
    return new Bins("categorical", labels, null, counts, previous);
  }

  /** The counts per category in {@code names}'s order, and last the values outside them. */
  private static long[] categoryCounts(FeatureStatistics stats, Set<String> names) {
    long[] counts = new long[names.size() + 1];
    Map<String, Long> known = stats.categories() == null ? Map.of() : stats.categories();
    int i = 0;
    long listed = 0;
    for (String name : names) {
      counts[i] = known.getOrDefault(name, 0L);
      listed += counts[i++];
    }
    counts[i] = stats.count() - listed;
    return counts;
  }
}
