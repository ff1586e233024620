package dev.loyaltylens.engine;

import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What a run gives its engine session.
 *
 * @param eventFiles the Parquet files of the run's events, the same list every engine reads
 * @param store the store's connection, which relations are handed over to
 * @param scratchDir a folder of the run's own for files handed over; it must be where the engine's
 *     workers and the store both see it, and it is left empty when the session closes
 */
public record EngineInputs(List<Path> eventFiles, Handle store, Path scratchDir) {

  public EngineInputs {
    eventFiles = List.copyOf(eventFiles);
  }
}
