package dev.loyaltylens.engine;

import dev.loyaltylens.definitions.SqlDialect;

/**
 * A SQL engine that runs the templates of a compute run: it speaks one {@link SqlDialect} and opens
 * a session per run. Closing it releases what it holds between runs (a cluster connection).
 */
public interface Engine extends AutoCloseable {

  /** The name a run chooses it by: {@code --engine NAME}. */
  String name();

  /** What a run's progress says it runs on: the engine, and where it runs. */
  default String describe() {
    return name();
  }

  /** The dialect the templates are rendered in for this engine. */
  SqlDialect dialect();

  /** Starts a run over its event files; the relations the session makes live until it is closed. */
  EngineSession open(EngineInputs inputs);

  @Override
  default void close() {}
}
