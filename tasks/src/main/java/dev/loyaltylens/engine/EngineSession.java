package dev.loyaltylens.engine;

import java.util.List;
import java.util.Map;

/**
 * One run on an engine: what compute needs to turn rendered templates into a version. Queries are
 * SQL in the engine's dialect with {@code :name} markers that the engine binds from {@code binds},
 * never splices; a name the query does not use is ignored. An engine that rejects a query throws
 * {@link EngineQueryException}.
 */
public interface EngineSession extends AutoCloseable {

  /**
   * Makes the relation {@code name} hold the rows of a query, replacing a relation of that name.
   */
  void materialize(String name, String query, Map<String, Object> binds);

  /** Whether a relation made in this session holds no row. */
  boolean isEmpty(String relation);

  /**
   * The rows of a small query, such as the report's counts: each row as plain Java values, in
   * column order.
   */
  List<List<Object>> rows(String query, Map<String, Object> binds);

  /** The names of a query's columns, in order, as the engine plans it (without running it). */
  List<String> columns(String query, Map<String, Object> binds);

  /** Plans a query as the engine would run it, without running it. */
  void plan(String query, Map<String, Object> binds);

  /** How many rows the run's event files hold. */
  long eventRows();

  /**
   * Makes a relation of this session readable on the store's connection, and returns the table
   * expression that reads it there (a temporary table's name, a Parquet reader): the store writes
   * versions from it.
   */
  String handOver(String relation);

  /** Drops what the session made: its relations, and any file it handed over. */
  @Override
  void close();
}
