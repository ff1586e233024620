package dev.loyaltylens.engine.spark;

import dev.loyaltylens.compute.EngineRun;
import dev.loyaltylens.compute.EventFiles;
import dev.loyaltylens.compute.QueryComposer;
import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.definitions.RunValues;
import dev.loyaltylens.engine.Engine;
import dev.loyaltylens.engine.EngineInputs;
import dev.loyaltylens.engine.EngineSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Every template of a {@code sql/} folder run on an engine the way compute runs them, each relation
 * then handed over to a DuckDB connection and read back there in one order, so that two engines'
 * results compare value by value.
 */
final class TemplateRuns {

  /**
   * Hashes are engine-specific and never published: the column that holds one is left out of
   * comparisons.
   */
  static final String HASH_COLUMN = "event_key";

  /**
   * What a run made: the rows of every relation, the event count, and how long the templates took.
   */
  record Outcome(Map<String, List<List<Object>>> relations, long eventRows, Duration time) {}

  private TemplateRuns() {}

  /** An in-memory DuckDB on UTC, standing in for the store's connection. */
  static Handle duckDb() {
    Handle handle = Jdbi.create("jdbc:duckdb:").open();
    handle.execute("set TimeZone = 'UTC'");
    return handle;
  }

  static Outcome run(
      Engine engine, Path sqlDir, Path eventsDir, Instant asOf, Handle store, Path scratch)
      throws Exception {
    DefinitionSet definitions = DefinitionSet.load(sqlDir);
    Map<String, Object> binds =
        new RunValues(asOf, RunValues.DEFAULT_LOOKBACK_DAYS, EventFiles.scan(eventsDir).patterns())
            .binds(definitions.ordered());
    EngineRun run = new EngineRun(definitions, binds, engine.dialect());
    Files.createDirectories(scratch);
    try (EngineSession session = engine.open(new EngineInputs(files(eventsDir), store, scratch))) {
      long started = System.nanoTime();
      run.materializeAll(session);
      Duration time = Duration.ofNanos(System.nanoTime() - started);
      Map<String, List<List<Object>>> relations = new LinkedHashMap<>();
      for (Definition definition : definitions.ordered()) {
        if (QueryComposer.isMaterialized(definition)) {
          relations.put(definition.name(), read(store, session.handOver(definition.name())));
        }
      }
      return new Outcome(relations, session.eventRows(), time);
    }
  }

  static List<Path> files(Path eventsDir) throws Exception {
    try (Stream<Path> walk = Files.walk(eventsDir)) {
      return walk.filter(file -> file.toString().endsWith(".parquet")).sorted().toList();
    }
  }

  private static List<List<Object>> read(Handle store, String relation) {
    List<String> names =
        store
            .createQuery("select column_name from (describe select * from " + relation + ")")
            .mapTo(String.class)
            .list();
    String columns = names.contains(HASH_COLUMN) ? "* exclude (" + HASH_COLUMN + ")" : "*";
    return store
        .createQuery("select " + columns + " from " + relation + " order by all")
        .map(
            (rs, ctx) -> {
              List<Object> row = new ArrayList<>();
              for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.add(rs.getObject(i));
              }
              return row;
            })
        .list();
  }
}
