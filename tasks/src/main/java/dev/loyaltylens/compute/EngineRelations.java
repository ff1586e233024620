package dev.loyaltylens.compute;

import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.engine.Engine;
import dev.loyaltylens.engine.EngineInputs;
import dev.loyaltylens.engine.EngineSession;
import dev.loyaltylens.engine.duckdb.DuckDbEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Where compute's relations are made: DuckDB makes them as temporary tables of the store's
 * connection; any other engine makes them in its own session, and the relations the store writes a
 * version from are then copied into temporary tables of the same names, so that what follows reads
 * them alike from either engine.
 */
abstract class EngineRelations {

  /**
   * Makes one relation; returns whether its query was skipped because its skip_when_empty input is
   * empty.
   */
  abstract boolean materialize(Definition definition);

  /** Brings the relations named to the store's connection and ends the engine's session. */
  abstract void handOver(Collection<String> relations);

  static EngineRelations of(
      Engine engine, TemplateRun templates, Handle store, EventFiles inputs, Path scratchParent) {
    if (engine.name().equals(DuckDbEngine.NAME)) {
      return new OnTheStore(templates, store);
    }
    return new InASession(
        engine, templates.definitions(), templates.binds(), store, inputs, scratchParent);
  }

  /** The store's own DuckDB, as compute has always run. */
  private static final class OnTheStore extends EngineRelations {

    private final TemplateRun templates;
    private final Handle store;

    OnTheStore(TemplateRun templates, Handle store) {
      this.templates = templates;
      this.store = store;
    }

    @Override
    boolean materialize(Definition definition) {
      return templates.materialize(store, definition);
    }

    @Override
    void handOver(Collection<String> relations) {
      // the relations already are temporary tables of the store's connection
    }
  }

  /**
   * Another engine's session, whose relations come to the store through {@link
   * EngineSession#handOver}.
   */
  private static final class InASession extends EngineRelations {

    private final EngineRun run;
    private final Handle store;
    private final EngineSession session;
    private final Path scratch;

    InASession(
        Engine engine,
        DefinitionSet definitions,
        Map<String, Object> binds,
        Handle store,
        EventFiles inputs,
        Path scratchParent) {
      this.run = new EngineRun(definitions, binds, engine.dialect());
      this.store = store;
      try {
        Files.createDirectories(scratchParent);
        this.scratch = Files.createTempDirectory(scratchParent, "engine-");
      } catch (IOException e) {
        throw new ComputeException(
            "could not make a scratch folder in " + scratchParent + ": " + e.getMessage());
      }
      this.session = engine.open(new EngineInputs(inputs.files(), store, scratch));
    }

    @Override
    boolean materialize(Definition definition) {
      try {
        return run.materialize(session, definition);
      } catch (RuntimeException e) {
        end();
        throw e;
      }
    }

    @Override
    void handOver(Collection<String> relations) {
      try {
        for (String relation : relations) {
          store.execute(
              "create or replace temp table "
                  + relation
                  + " as select * from "
                  + session.handOver(relation));
        }
      } finally {
        end();
      }
    }

    private void end() {
      session.close();
      try {
        Files.deleteIfExists(scratch);
      } catch (IOException e) {
        throw new ComputeException(
            "could not remove the scratch folder " + scratch + ": " + e.getMessage());
      }
    }
  }
}
