package dev.loyaltylens.engine.duckdb;

import dev.loyaltylens.definitions.SqlDialect;
import dev.loyaltylens.engine.Engine;
import dev.loyaltylens.engine.EngineInputs;
import dev.loyaltylens.engine.EngineSession;

/** DuckDB in the store's process: each session works on the store's connection. */
public final class DuckDbEngine implements Engine {

  public static final String NAME = "duckdb";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SqlDialect dialect() {
    return SqlDialect.DUCKDB;
  }

  @Override
  public EngineSession open(EngineInputs inputs) {
    return new DuckDbSession(inputs);
  }
}
