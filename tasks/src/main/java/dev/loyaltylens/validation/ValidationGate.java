package dev.loyaltylens.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyaltylens.definitions.Check;
import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.FeatureStatistics;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.store.VersionStatistics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Runs the gate on a computed version: null rate of every column, the checks of each template
 * header, the change in row count against the previous published version, and each feature's drift
 * from it ({@link DriftCheck}). Every run's report is kept in the registry.
 */
public final class ValidationGate {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DefinitionSet definitions;
  private final GateSettings settings;

  public ValidationGate(DefinitionSet definitions, GateSettings settings) {
    this.definitions = definitions;
    this.settings = settings;
  }

  /** The outcome of a gate run: the checks, the statistics, and the report as stored. */
  public record Outcome(
      String version, boolean passed, List<CheckResult> results, ObjectNode report) {

    public List<CheckResult> failures() {
      return results.stream().filter(r -> !r.passed()).toList();
    }
  }

  /**
   * Runs the gate and records its report; throws {@link ValidationFailedException} when a check
   * fails.
   */
  public Outcome validate(FeatureStore store, String version) {
    VersionRecord record = store.registry().require(version);
    Outcome outcome = evaluate(store, record);
    if (!record.isPublished()) {
      store
          .registry()
          .recordValidation(version, outcome.passed(), outcome.report().toString(), Instant.now());
    }
    if (!outcome.passed()) {
      List<CheckResult> failures = outcome.failures();
      String more =
          failures.size() > 1
              ? " (and " + (failures.size() - 1) + " more: see `versions --home`)"
              : "";
      throw new ValidationFailedException(
          "version " + version + " failed validation: " + failures.get(0).message() + more);
    }
    return outcome;
  }

  Outcome evaluate(FeatureStore store, VersionRecord record) {
    Handle handle = store.handle();
    List<FeatureColumn> columns = store.featureColumns();
    VersionStatistics stats = ColumnStatistics.of(handle, record.version(), columns);
    List<CheckResult> results = new ArrayList<>();

    long rows = record.rowCount();
    results.add(
        new CheckResult(
            "*",
            "rows",
            Long.toString(rows),
            "> 0",
            rows > 0,
            "version "
                + record.version()
                + " has no feature rows: check the events' dates against --as-of"));
    for (FeatureColumn column : columns) {
      double nullRate = stats.feature(column.name()).map(FeatureStatistics::nullRate).orElse(0.0);
      results.add(
          new CheckResult(
              column.name(),
              "null_rate",
              percent(nullRate),
              "<= " + percent(settings.maxNullRate()),
              nullRate <= settings.maxNullRate(),
              "feature `"
                  + column.name()
                  + "` has "
                  + percent(nullRate)
                  + " nulls, threshold "
                  + percent(settings.maxNullRate())
                  + ": see "
                  + templateOf(column.name())));
    }
    results.addAll(headerChecks(handle, record.version(), columns));
    rowChange(store, record).ifPresent(results::add);
    DriftCheck.Result drift =
        new DriftCheck(definitions, settings)
            .measure(handle, record, previous(store, record), columns, stats);
    results.addAll(drift.checks());

    boolean passed = results.stream().allMatch(CheckResult::passed);
    ObjectNode report = JSON.createObjectNode();
    report.put("version", record.version());
    report.put("passed", passed);
    report.put("ran_at", Instant.now().toString());
    report.put("row_count", rows);
    ArrayNode checks = report.putArray("checks");
    for (CheckResult result : results) {
      checks
          .addObject()
          .put("feature", result.feature())
          .put("check", result.check())
          .put("figure", result.figure())
          .put("threshold", result.threshold())
          .put("passed", result.passed())
          .put("level", result.level())
          .put("message", result.passed() && !result.warning() ? "" : result.message());
    }
    report.set(VersionStatistics.REPORT_FIELD, stats.toJson());
    report.set(DriftCheck.REPORT_FIELD, drift.report());
    return new Outcome(record.version(), passed, results, report);
  }

  private List<CheckResult> headerChecks(
      Handle handle, String version, List<FeatureColumn> columns) {
    List<CheckResult> results = new ArrayList<>();
    for (FeatureColumn column : columns) {
      Optional<Definition> definition = definitions.find(column.name());
      if (definition.isEmpty()) {
        continue;
      }
      for (Check check : definition.get().header().checks()) {
        results.add(run(handle, version, column.name(), check));
      }
    }
    return results;
  }

  private CheckResult run(Handle handle, String version, String name, Check check) {
    String where = templateOf(name);
    if (check instanceof Check.NotNull) {
      long nulls = count(handle, version, name + " is null", List.of());
      return new CheckResult(
          name,
          check.describe(),
          nulls + " nulls",
          "0 nulls",
          nulls == 0,
          "feature `" + name + "` has " + nulls + " null values, declared not_null: see " + where);
    }
    if (check instanceof Check.Range range) {
      List<Object> binds = List.of(range.min(), range.max());
      long outside = count(handle, version, name + " < ? or " + name + " > ?", binds);
      Double[] extremes = extremes(handle, version, name);
      String figure =
          extremes[0] == null
              ? "no values"
              : "min " + number(extremes[0]) + ", max " + number(extremes[1]);
      String bounds = "[" + number(range.min()) + ", " + number(range.max()) + "]";
      return new CheckResult(
          name,
          check.describe(),
          figure,
          bounds,
          outside == 0,
          "feature `"
              + name
              + "` has "
              + outside
              + " values outside "
              + bounds
              + " ("
              + figure
              + "): see "
              + where);
    }
    Check.AcceptedValues accepted = (Check.AcceptedValues) check;
    String placeholders = String.join(", ", accepted.values().stream().map(v -> "?").toList());
    long rejected =
        count(
            handle,
            version,
            name + " is not null and " + name + "::varchar not in (" + placeholders + ")",
            List.copyOf(accepted.values()));
    String threshold = "one of " + String.join(", ", accepted.values());
    return new CheckResult(
        name,
        check.describe(),
        rejected + " other values",
        threshold,
        rejected == 0,
        "feature `"
            + name
            + "` has "
            + rejected
            + " values that are not "
            + threshold
            + ": see "
            + where);
  }

  private static long count(Handle handle, String version, String condition, List<Object> binds) {
    Query query =
        handle
            .createQuery("select count(*) from features where version = ? and (" + condition + ")")
            .bind(0, version);
    for (int i = 0; i < binds.size(); i++) {
      query.bind(i + 1, binds.get(i));
    }
    return query.mapTo(Long.class).one();
  }

  /**
   * The smallest and largest value, both null when the column has no value (no rows, or only
   * nulls).
   */
  private static Double[] extremes(Handle handle, String version, String name) {
    return handle
        .createQuery(
            "select min("
                + name
                + ")::double, max("
                + name
                + ")::double from features where version = ?")
        .bind(0, version)
        .map(
            (rs, ctx) ->
                new Double[] {
                  rs.getObject(1) == null ? null : rs.getDouble(1),
                  rs.getObject(2) == null ? null : rs.getDouble(2)
                })
        .one();
  }

  /** The version a candidate is compared with: the one published last, other than itself. */
  private static Optional<VersionRecord> previous(FeatureStore store, VersionRecord record) {
    return store.registry().published().stream()
        .filter(v -> !v.version().equals(record.version()))
        .max(java.util.Comparator.comparing(VersionRecord::publishedAt));
  }

  private Optional<CheckResult> rowChange(FeatureStore store, VersionRecord record) {
    return previous(store, record)
        .map(
            previous -> {
              double change =
                  previous.rowCount() == 0
                      ? 0
                      : Math.abs(record.rowCount() - previous.rowCount())
                          / (double) previous.rowCount();
              return new CheckResult(
                  "*",
                  "row_change",
                  percent(change) + " vs " + previous.version(),
                  "<= " + percent(settings.maxRowChange()),
                  change <= settings.maxRowChange(),
                  "version "
                      + record.version()
                      + " has "
                      + record.rowCount()
                      + " rows, "
                      + percent(change)
                      + " away from the "
                      + previous.rowCount()
                      + " of "
                      + previous.version()
                      + ", threshold "
                      + percent(settings.maxRowChange())
                      + ": check the events, or raise --max-row-change");
            });
  }

  private String templateOf(String feature) {
    return definitions
        .find(feature)
        .map(Definition::displayPath)
        .orElse("sql/features/" + feature + ".sql.ftl");
  }

  static String percent(double share) {
    return BigDecimal.valueOf(share * 100)
            .setScale(2, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString()
        + "%";
  }

  static String number(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return BigDecimal.valueOf(value)
        .setScale(4, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
