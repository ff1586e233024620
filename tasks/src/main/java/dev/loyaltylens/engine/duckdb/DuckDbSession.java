package dev.loyaltylens.engine.duckdb;

import dev.loyaltylens.definitions.QueryLocator;
import dev.loyaltylens.engine.EngineInputs;
import dev.loyaltylens.engine.EngineQueryException;
import dev.loyaltylens.engine.EngineSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementException;

/**
 * A run's relations as temporary tables of the store's connection, dropped when the session closes.
 */
final class DuckDbSession implements EngineSession {

  private static final String ENGINE = "DuckDB";

  private final EngineInputs inputs;
  private final Handle handle;
  private final Set<String> made = new LinkedHashSet<>();

  DuckDbSession(EngineInputs inputs) {
    this.inputs = inputs;
    this.handle = inputs.store();
    handle.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
  }

  @Override
  public void materialize(String name, String query, Map<String, Object> binds) {
    String prefix = "create or replace temp table " + name + " as\n";
    run(prefix, query, () -> bind(handle.createUpdate(prefix + query), binds).execute());
    made.add(name);
  }

  @Override
  public boolean isEmpty(String relation) {
    return handle.createQuery("select count(*) = 0 from " + relation).mapTo(Boolean.class).one();
  }

  @Override
  public List<List<Object>> rows(String query, Map<String, Object> binds) {
    return run(
        "",
        query,
        () ->
            bind(handle.createQuery(query), binds)
                .map(
                    (rs, ctx) -> {
                      List<Object> row = new ArrayList<>();
                      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                      }
                      return row;
                    })
                .list());
  }

  @Override
  public List<String> columns(String query, Map<String, Object> binds) {
    String prefix = "describe ";
    return run(
        prefix,
        query,
        () ->
            bind(handle.createQuery(prefix + query), binds)
                .map((rs, ctx) -> rs.getString("column_name"))
                .list());
  }

  @Override
  public void plan(String query, Map<String, Object> binds) {
    String prefix = "explain ";
    run(prefix, query, () -> bind(handle.createQuery(prefix + query), binds).mapToMap().list());
  }

  @Override
  public long eventRows() {
    List<String> files = inputs.eventFiles().stream().map(Path::toString).toList();
    return handle
        .createQuery("select count(*) from read_parquet(:files, union_by_name = true)")
        .bindArray("files", String.class, files)
        .mapTo(Long.class)
        .one();
  }

  @Override
  public String handOver(String relation) {
    return relation;
  }

  @Override
  public void close() {
    for (String name : made) {
      handle.execute("drop table if exists " + name);
    }
    made.clear();
  }

  private static <S extends SqlStatement<S>> S bind(S statement, Map<String, Object> binds) {
    binds.forEach(statement::bind);
    return statement;
  }

  private interface Call<T> {
    T run();
  }

  /**
   * Runs a statement made of a prefix and a query, turning DuckDB's error into one located in the
   * query.
   */
  private static <T> T run(String prefix, String query, Call<T> call) {
    try {
      return call.run();
    } catch (StatementException e) {
      String message = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
      OptionalInt at = QueryLocator.offsetOf(prefix + query, message);
      OptionalInt offset =
          at.isPresent() && at.getAsInt() >= prefix.length()
              ? OptionalInt.of(at.getAsInt() - prefix.length())
              : OptionalInt.empty();
      throw new EngineQueryException(ENGINE, message, offset, e);
    }
  }
}
