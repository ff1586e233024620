package dev.loyaltylens.engine;

import java.util.Optional;

/**
 * Which engine a run computes on and where that engine runs, read once from the options and the
 * environment.
 *
 * @param name {@code duckdb} (the default) or the name of an engine on the class path, such as
 *     {@code spark}
 * @param master where a cluster engine runs its work: {@code local[N]} or {@code spark://HOST:PORT}
 *     for Spark; empty for DuckDB, which runs in the store's process
 */
public record EngineOptions(String name, Optional<String> master) {

  public static final EngineOptions DUCKDB = new EngineOptions("duckdb", Optional.empty());
}
