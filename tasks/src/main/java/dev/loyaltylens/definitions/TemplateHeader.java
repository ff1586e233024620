package dev.loyaltylens.definitions;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a template's header declares: documentation, the relations it reads, its checks and its bound parameters.
 *
 * @param fields every plain {@code key: value} line, in order, for the catalog
 * @param dependsOn the relations (staging models or features) the template reads
 * @param params values bound as {@code :name}; the template never inlines them
 */
public record TemplateHeader(
    Map<String, String> fields,
    List<String> dependsOn,
    List<Check> checks,
    Map<String, BigDecimal> params) {

  public TemplateHeader {
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    dependsOn = List.copyOf(dependsOn);
    checks = List.copyOf(checks);
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
  }

  public Optional<String> field(String key) {
    return Optional.ofNullable(fields.get(key));
  }

  public String description() {
    return fields.getOrDefault("description", "");
  }

  /** The declared DuckDB type of a feature's column, upper case; empty for staging models. */
  public Optional<String> type() {
    return field("type").map(t -> t.toUpperCase(java.util.Locale.ROOT));
  }

  /** Staging models materialize as a temporary table unless declared {@code ephemeral} (inlined where read). */
  public boolean isEphemeral() {
    return "ephemeral".equals(fields.get("materialized"));
  }

  /**
   * A relation that, when empty, makes this model empty too: the run then creates the table without running the
   * query, sparing a full pass over the events (quarantine and duplicates need one only when there is any).
   */
  public Optional<String> skipWhenEmpty() {
    return field("skip_when_empty");
  }

  /** The input columns a source-reading model needs, checked before any query runs. */
  public List<String> requiredColumns() {
    return field("requires_columns").map(HeaderParser::splitList).orElse(List.of());
  }
}
