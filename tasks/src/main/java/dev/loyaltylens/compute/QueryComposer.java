package dev.loyaltylens.compute;

import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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
