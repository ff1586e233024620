package dev.loyaltylens.compute;

import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.definitions.SqlDialect;
import dev.loyaltylens.definitions.TemplateRenderer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a version's SQL hash covers: every template rendered in every dialect whose macro library
 * the {@code sql/} folder holds, whichever engine computes the version. So the same templates give
 * the same version id on any engine, and a change to any engine's macros is a change of the logic.
 * A folder with DuckDB's library alone, or none, covers the DuckDB rendering under the template
 * names, as before there were other engines.
 */
public final class RenderedLogic {

  private RenderedLogic() {}

  /**
   * The rendered SQL by template name, prefixed by the dialect ({@code spark/recency_days}) when
   * there are several.
   */
  public static Map<String, String> of(DefinitionSet definitions) {
    List<SqlDialect> dialects = SqlDialect.all(definitions.sqlDir());
    boolean several = dialects.size() > 1;
    Map<String, String> rendered = new LinkedHashMap<>();
    for (SqlDialect dialect : several ? dialects : List.of(SqlDialect.DUCKDB)) {
      TemplateRenderer renderer = new TemplateRenderer(definitions, dialect);
      for (Definition definition : definitions.ordered()) {
        rendered.put(
            (several ? dialect.name() + "/" : "") + definition.name(), renderer.render(definition));
      }
    }
    return rendered;
  }
}
