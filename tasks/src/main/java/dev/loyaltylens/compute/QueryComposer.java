package dev.loyaltylens.compute;

import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns a rendered template into a runnable query: the ephemeral models it reads are inlined as
 * CTEs in front, while materialized ones are read from the temporary tables made earlier in the
 * run.
 */
public final class QueryComposer {

  private final DefinitionSet definitions;
  private final Map<String, String> rendered;
  private final Map<String, String> replaced;

  public QueryComposer(DefinitionSet definitions, Map<String, String> rendered) {
    this(definitions, rendered, Map.of());
  }

  /**
   * A composer that inlines the ephemeral models named in {@code replaced} as the query given there
   * instead of their template's.
   */
  public QueryComposer(
      DefinitionSet definitions, Map<String, String> rendered, Map<String, String> replaced) {
    this.definitions = definitions;
    this.rendered = rendered;
    this.replaced = replaced;
  }

  public String compose(Definition target) {
    Set<String> inlined = inlined(definitions, target);
    StringBuilder sql = new StringBuilder();
    for (Definition definition : definitions.ordered()) {
      if (inlined.contains(definition.name())) {
        sql.append(sql.length() == 0 ? "with " : ",\n")
            .append(definition.name())
            .append(" as (\n")
            .append(replaced.getOrDefault(definition.name(), rendered.get(definition.name())))
            .append("\n)");
      }
    }
    String body = rendered.get(target.name());
    return sql.length() == 0 ? body : sql + "\nselect * from (\n" + body + "\n)";
  }

  /**
   * The ephemeral models a definition's query inlines that pass their input through, because the
   * relation their pass_through_when_empty names is empty: each as a query of that input in its own
   * columns, for {@link #QueryComposer(DefinitionSet, Map, Map)}.
   *
   * @param isEmpty whether a relation made earlier in the run holds no row
   * @param columns the column names of an ephemeral model's own query
   */
  public static Map<String, String> passedThrough(
      DefinitionSet definitions,
      Definition target,
      Predicate<String> isEmpty,
      Function<Definition, List<String>> columns) {
    Set<String> inlined = inlined(definitions, target);
    Map<String, String> queries = new LinkedHashMap<>();
    for (Definition definition : definitions.ordered()) {
      var header = definition.header();
      if (inlined.contains(definition.name())
          && header.passThroughWhenEmpty().filter(isEmpty).isPresent()) {
        queries.put(
            definition.name(),
            "select "
                + String.join(", ", columns.apply(definition))
                + " from "
                + header.passThrough().orElseThrow());
      }
    }
    return queries;
  }

  /**
   * The ephemeral models a definition's query inlines: those it reads, directly or through others.
   */
  public static Set<String> inlined(DefinitionSet definitions, Definition target) {
    Set<String> inlined = new HashSet<>();
    collectEphemeral(definitions, target, inlined);
    return inlined;
  }

  private static void collectEphemeral(
      DefinitionSet definitions, Definition definition, Set<String> inlined) {
    for (String name : definition.header().dependsOn()) {
      Definition upstream = definitions.require(name);
      if (!upstream.isFeature() && upstream.header().isEphemeral() && inlined.add(name)) {
        collectEphemeral(definitions, upstream, inlined);
      }
    }
  }

  /** Whether a definition is made into a temporary table during a run (features always are). */
  public static boolean isMaterialized(Definition definition) {
    return definition.isFeature() || !definition.header().isEphemeral();
  }
}
