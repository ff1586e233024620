package dev.loyaltylens.compute;

import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.definitions.RenderedTemplate;
import dev.loyaltylens.definitions.SqlDialect;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementException;

/**
 * Templates rendered and run the way {@code compute} runs them: each staging model and feature, in
 * dependency order, as {@code create or replace temp table NAME as} its query, with ephemeral
 * models inlined as CTEs and the run's values bound. DuckDB's errors come back located in the
 * template that wrote the failing SQL.
 */
public final class TemplateRun {

  /** A column of a relation, as DuckDB describes it. */
  public record Column(String name, String type) {}

  private final DefinitionSet definitions;
  private final ComposedTemplates templates;
  private final Map<String, Object> binds;

  public TemplateRun(DefinitionSet definitions, Map<String, Object> binds) {
    this.definitions = definitions;
    this.templates = new ComposedTemplates(definitions, SqlDialect.DUCKDB);
    this.binds = binds;
  }

  public DefinitionSet definitions() {
    return definitions;
  }

  public Map<String, Object> binds() {
    return binds;
  }

  /** The template's SQL; renders it on first use. */
  public RenderedTemplate rendered(Definition definition) {
    return templates.rendered(definition);
  }

  /**
   * The query compute runs for a definition: its SQL with the ephemeral models it reads inlined.
   */
  public String composed(Definition definition) {
    return templates.composed(definition, Map.of());
  }

  /** The statement compute runs for a materialized definition. */
  public String statement(Definition definition, boolean skipped) {
    return statement(definition, skipped, Map.of());
  }

  private String statement(
      Definition definition, boolean skipped, Map<String, String> passedThrough) {
    return "create or replace temp table "
        + definition.name()
        + " as\n"
        + templates.composed(definition, passedThrough)
        + (skipped ? "\nlimit 0" : "");
  }

  /** The ephemeral models a definition reads that pass their input through in this run. */
  private Map<String, String> passedThrough(Handle handle, Definition target) {
    return QueryComposer.passedThrough(
        definitions,
        target,
        relation -> isEmpty(handle, relation),
        model -> {
          String statement = "describe " + composed(model);
          try {
            var describe = handle.createQuery(statement);
            binds.forEach(describe::bind);
            return describe.map((rs, ctx) -> rs.getString("column_name")).list();
          } catch (StatementException e) {
            throw failure(model, statement, e);
          }
        });
  }

  private static boolean isEmpty(Handle handle, String relation) {
    return handle.createQuery("select count(*) = 0 from " + relation).mapTo(Boolean.class).one();
  }

  /** Makes the temporary tables of a definition and everything it reads, in order. */
  public void materializeClosure(Handle handle, Definition target) {
    for (Definition definition : definitions.closure(target)) {
      if (QueryComposer.isMaterialized(definition)) {
        materialize(handle, definition);
      }
    }
  }

  /**
   * Makes one temporary table, skipping the query (but not the columns) when its skip_when_empty
   * input is empty, and passing through the ephemeral models it reads that allow it; returns
   * whether it was skipped.
   */
  public boolean materialize(Handle handle, Definition definition) {
    boolean skipped =
        definition
            .header()
            .skipWhenEmpty()
            .map(upstream -> isEmpty(handle, upstream))
            .orElse(false);
    String statement =
        statement(definition, skipped, skipped ? Map.of() : passedThrough(handle, definition));
    try {
      var update = handle.createUpdate(statement);
      binds.forEach(update::bind);
      update.execute();
      return skipped;
    } catch (StatementException e) {
      throw failure(definition, statement, e);
    }
  }

  /** Asks DuckDB to plan a definition's query without running it. */
  public void explain(Handle handle, Definition definition) {
    String statement = "explain " + composed(definition);
    try {
      var query = handle.createQuery(statement);
      binds.forEach(query::bind);
      query.mapToMap().list();
    } catch (StatementException e) {
      throw failure(definition, statement, e);
    }
  }

  /** The columns of a relation made earlier in this database. */
  public static List<Column> describe(Handle handle, String relation) {
    return handle
        .createQuery("describe " + relation)
        .map((rs, ctx) -> new Column(rs.getString("column_name"), rs.getString("column_type")))
        .list();
  }

  private TemplateQueryException failure(
      Definition definition, String statement, StatementException e) {
    String message = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    return new TemplateQueryException(
        templates
            .locator(definition, statement)
            .locate(message)
            .problem("DuckDB: " + summary(message)),
        e);
  }

  /** The lines of a DuckDB message before it quotes the statement, on one line. */
  static String summary(String message) {
    StringBuilder text = new StringBuilder();
    for (String line : String.valueOf(message).strip().split("\\R")) {
      if (line.isBlank() || line.startsWith("LINE ")) {
        break;
      }
      text.append(text.length() == 0 ? "" : " ").append(line.strip());
    }
    return text.toString();
  }
}
