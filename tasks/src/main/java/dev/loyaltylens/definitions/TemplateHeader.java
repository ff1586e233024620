package dev.loyaltylens.definitions;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a template's header declares: documentation, the relations it reads, its checks and its
 * bound parameters.
 *
 * @param fields every plain {@code key: value} line, in order, for the catalog
 * @param dependsOn the relations (staging models or features) the template reads
 * @param params values bound as {@code :name}; the template never inlines them
 * @param lines the file line each key was declared on ({@code type}, {@code checks.0}, {@code
 *     params.weight}), so that problems found later point at the header line they are about
 * @param drift the drift thresholds the feature sets for itself, by name ({@link #DRIFT_KEYS}); the
 *     gate's defaults hold for the others
 */
public record TemplateHeader(
    Map<String, String> fields,
    List<String> dependsOn,
    List<Check> checks,
    Map<String, BigDecimal> params,
    Map<String, Integer> lines,
    Map<String, BigDecimal> drift) {

  /**
   * The thresholds a header's {@code drift:} block may set: shares, a warning first and then a
   * failure.
   */
  public static final List<String> DRIFT_KEYS =
      List.of(
          "psi_warn",
          "psi_fail",
          "mean_shift_warn",
          "mean_shift_fail",
          "null_rate_change_warn",
          "null_rate_change_fail");

  public TemplateHeader {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    dependsOn = List.copyOf(dependsOn);
    checks = List.copyOf(checks);
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
    drift = Collections.unmodifiableMap(new LinkedHashMap<>(drift));
  }

  public TemplateHeader(
      Map<String, String> fields,
      List<String> dependsOn,
      List<Check> checks,
      Map<String, BigDecimal> params,
      Map<String, Integer> lines) {
    this(fields, dependsOn, checks, params, lines, Map.of());
  }

  public TemplateHeader(
      Map<String, String> fields,
      List<String> dependsOn,
      List<Check> checks,
      Map<String, BigDecimal> params) {
    this(fields, dependsOn, checks, params, Map.of());
  }

  public Optional<String> field(String key) {
    return Optional.ofNullable(fields.get(key));
  }

  public String description() {
    return fields.getOrDefault("description", "");
  }

  /** The declared DuckDB type of a feature's column, upper case; empty for staging models. */
  public Optional<String> type() {
    return field("type").map(t -> t.strip().toUpperCase(Locale.ROOT));
  }

  /** The line a key was declared on, or 1 (the header's first line) when it was not. */
  public int lineOf(String key) {
    return lines.getOrDefault(key, 1);
  }

  /**
   * Staging models materialize as a temporary table unless declared {@code ephemeral} (inlined
   * where read).
   */
  public boolean isEphemeral() {
    return "ephemeral".equals(fields.get("materialized"));
  }

  /**
   * A relation that, when empty, makes this model empty too: the run then creates the table without
   * running the query, sparing a full pass over the events (quarantine and duplicates need one only
   * when there is any).
   */
  public Optional<String> skipWhenEmpty() {
    return field("skip_when_empty");
  }

  /**
   * A relation that, when empty, lets this ephemeral model read as {@link #passThrough()} does, in
   * its own columns: the work it does only for the rows that relation names is then skipped.
   */
  public Optional<String> passThroughWhenEmpty() {
    return field("pass_through_when_empty");
  }

  /** The model this one reads as when its {@link #passThroughWhenEmpty()} relation is empty. */
  public Optional<String> passThrough() {
    return field("pass_through");
  }

  /** The input columns a source-reading model needs, checked before any query runs. */
  public List<String> requiredColumns() {
    return field("requires_columns").map(HeaderParser::splitList).orElse(List.of());
  }
}
