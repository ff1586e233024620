package dev.loyaltylens.generation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a generator run wrote: the number of events, the size of the customer population they were
 * drawn from, the Parquet files in order and the time it took.
 */
public record GenerationSummary(long events, long customers, List<Path> files, Duration took) {

  public GenerationSummary {
    files = List.copyOf(files);
  }
}
