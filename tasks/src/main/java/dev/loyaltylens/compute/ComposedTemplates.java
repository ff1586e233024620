package dev.loyaltylens.compute;

import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.definitions.QueryLocator;
import dev.loyaltylens.definitions.RenderedTemplate;
import dev.loyaltylens.definitions.SqlDialect;
import dev.loyaltylens.definitions.TemplateRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The templates of one run rendered in one dialect, and the query of each definition composed from
 * them: its SQL with the ephemeral models it reads inlined as CTEs, or read as their input where
 * they pass it through. {@link TemplateRun} runs these queries on a DuckDB connection, {@link
 * EngineRun} on an engine's session; both locate an error through {@link #locator}.
 */
final class ComposedTemplates {

  private final DefinitionSet definitions;
  private final TemplateRenderer renderer;
  private final Map<String, RenderedTemplate> rendered = new LinkedHashMap<>();

  ComposedTemplates(DefinitionSet definitions, SqlDialect dialect) {
    this.definitions = definitions;
    this.renderer = new TemplateRenderer(definitions, dialect);
  }

  /** The template's SQL; renders it on first use. */
  RenderedTemplate rendered(Definition definition) {
    return rendered.computeIfAbsent(definition.name(), name -> renderer.renderMapped(definition));
  }

  /**
   * The query of a definition, with the ephemeral models it reads inlined, except those in {@code
   * passedThrough}, which read as the relation they pass through.
   */
  String composed(Definition definition, Map<String, String> passedThrough) {
    Map<String, String> sql = new LinkedHashMap<>();
    for (Definition needed : definitions.closure(definition)) {
      sql.put(needed.name(), rendered(needed).sql());
    }
    return new QueryComposer(definitions, sql, passedThrough).compose(definition);
  }

  /** Finds the template, line and column behind a place in {@code statement}, composed for it. */
  QueryLocator locator(Definition definition, String statement) {
    List<RenderedTemplate> parts = new ArrayList<>();
    for (Definition needed : definitions.closure(definition)) {
      parts.add(rendered(needed));
    }
    return new QueryLocator(statement, parts, rendered(definition));
  }
}
