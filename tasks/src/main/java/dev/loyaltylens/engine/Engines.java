package dev.loyaltylens.engine;

import dev.loyaltylens.engine.duckdb.DuckDbEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds an engine by name: DuckDB is built in, the others come from the factories on the class
 * path.
 */
public final class Engines {

  private Engines() {}

  public static Engine create(EngineOptions options) {
    if (options.name().equals(DuckDbEngine.NAME)) {
      return new DuckDbEngine();
    }
    for (EngineFactory factory : ServiceLoader.load(EngineFactory.class)) {
      if (factory.name().equals(options.name())) {
        return factory.create(options);
      }
    }
    throw new UnknownEngineException(
        "engine `"
            + options.name()
            + "` is not on the class path (engines here: "
            + String.join(", ", names())
            + "): a cluster engine ships in its own jar and image, see README.md, Engines");
  }

  /** The names of the engines this class path offers, DuckDB first. */
  public static List<String> names() {
    List<String> names = new ArrayList<>(List.of(DuckDbEngine.NAME));
    ServiceLoader.load(EngineFactory.class).forEach(factory -> names.add(factory.name()));
    return names;
  }
}
