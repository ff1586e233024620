package dev.loyaltylens.engine.spark;

import dev.loyaltylens.engine.Engine;
import dev.loyaltylens.engine.EngineFactory;
import dev.loyaltylens.engine.EngineOptions;
import java.util.Map;

/** Offers {@code --engine spark} to a class path that holds this module. */
public final class SparkEngineFactory implements EngineFactory {

  /** Where Spark runs when a run names no master: every core of this machine. */
  static final String DEFAULT_MASTER = "local[*]";

  @Override
  public String name() {
    return SparkEngine.NAME;
  }

  @Override
  public Engine create(EngineOptions options) {
    return SparkEngine.start(options.master().orElse(DEFAULT_MASTER), Map.of());
  }
}
