package dev.loyaltylens.engine;

/**
 * Makes an engine from the run's settings; a module offers one through {@code META-INF/services},
 * so that the engine is there exactly when the module's jar is on the class path.
 */
public interface EngineFactory {

  /** The name a run chooses the engine by. */
  String name();

  Engine create(EngineOptions options);
}
