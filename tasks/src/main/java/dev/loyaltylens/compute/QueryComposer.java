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

  public QueryComposer(DefinitionSet definitions, Map<String, String> rendered) {
    this.definitions = definitions;
    this.rendered = rendered;
  }

  public String compose(Definition target) {
    Set<String> inlined = new HashSet<>();
    collectEphemeral(target, inlined);
    StringBuilder sql = new StringBuilder();
    for (Definition definition : definitions.ordered()) {
      if (inlined.contains(definition.name())) {
        sql.append(sql.length() == 0 ? "with " : ",\n")
            .append(definition.name())
            .append(" as (\n")
            .append(rendered.get(definition.name()))
            .append("\n)");
      }
    }
    String body = rendered.get(target.name());
    return sql.length() == 0 ? body : sql + "\nselect * from (\n" + body + "\n)";
  }

  private void collectEphemeral(Definition definition, Set<String> inlined) {
    for (String name : definition.header().dependsOn()) {
      Definition upstream = definitions.require(name);
      if (!upstream.isFeature() && upstream.header().isEphemeral() && inlined.add(name)) {
        collectEphemeral(upstream, inlined);
      }
    }
  }

  /** Whether a definition is made into a temporary table during a run (features always are). */
  public static boolean isMaterialized(Definition definition) {
    return definition.isFeature() || !definition.header().isEphemeral();
  }
}
