package dev.loyaltylens.compute;

import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.definitions.QueryLocator;
import dev.loyaltylens.definitions.RenderedTemplate;
import dev.loyaltylens.definitions.SqlDialect;
import dev.loyaltylens.engine.EngineQueryException;
import dev.loyaltylens.engine.EngineSession;
import java.util.List;
import java.util.Map;

/**
 * The templates of a run on an engine session, the way compute runs them: rendered in the engine's
 * dialect, each staging model and feature made into a relation in dependency order with the
 * ephemeral models it reads inlined as CTEs, and the run's values bound. An engine's error comes
 * back located in the template that wrote the failing SQL.
 */
public final class EngineRun {

  private final DefinitionSet definitions;
  private final ComposedTemplates templates;
  private final Map<String, Object> binds;

  public EngineRun(DefinitionSet definitions, Map<String, Object> binds, SqlDialect dialect) {
    this.definitions = definitions;
    this.templates = new ComposedTemplates(definitions, dialect);
    this.binds = binds;
  }

  /** The template's SQL in this run's dialect; renders it on first use. */
  public RenderedTemplate rendered(Definition definition) {
    return templates.rendered(definition);
  }

  /**
   * The query a definition's relation is made from: its SQL with the ephemeral models it reads
   * inlined.
   */
  public String composed(Definition definition) {
    return templates.composed(definition, Map.of());
  }

  /** Makes the relation of every materialized definition, in dependency order. */
  public void materializeAll(EngineSession session) {
    for (Definition definition : definitions.ordered()) {
      if (QueryComposer.isMaterialized(definition)) {
        materialize(session, definition);
      }
    }
  }

  /**
   * Makes one relation, skipping the query (but not the columns) when its skip_when_empty input is
   * empty, and passing through the ephemeral models it reads that allow it; returns whether it was
   * skipped.
   */
  public boolean materialize(EngineSession session, Definition definition) {
    boolean skipped = definition.header().skipWhenEmpty().map(session::isEmpty).orElse(false);
    Map<String, String> passedThrough =
        skipped
            ? Map.of()
            : QueryComposer.passedThrough(
                definitions, definition, session::isEmpty, model -> columns(session, model));
    String query = templates.composed(definition, passedThrough) + (skipped ? "\nlimit 0" : "");
    try {
      session.materialize(definition.name(), query, binds);
      return skipped;
    } catch (EngineQueryException e) {
      throw failure(definition, query, e);
    }
  }

  /** The columns of an ephemeral model's own query, as the engine plans it. */
  private List<String> columns(EngineSession session, Definition model) {
    String query = composed(model);
    try {
      return session.columns(query, binds);
    } catch (EngineQueryException e) {
      throw failure(model, query, e);
    }
  }

  /** Asks the engine to plan a definition's query without running it. */
  public void plan(EngineSession session, Definition definition) {
    String query = composed(definition);
    try {
      session.plan(query, binds);
    } catch (EngineQueryException e) {
      throw failure(definition, query, e);
    }
  }

  private TemplateQueryException failure(
      Definition definition, String query, EngineQueryException e) {
    QueryLocator locator = templates.locator(definition, query);
    var at =
        e.offset().isPresent()
            ? locator.locate(e.offset().getAsInt())
            : rendered(definition).sourceOf(0);
    return new TemplateQueryException(
        at.problem(e.engine() + ": " + TemplateRun.summary(e.engineMessage())), e);
  }
}
