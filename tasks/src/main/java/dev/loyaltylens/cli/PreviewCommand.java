package dev.loyaltylens.cli;

import dev.loyaltylens.analyst.Preview;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code preview}: one feature computed on real events in memory, without a store. */
@Command(
    name = "preview",
    description = "Compute one feature (and what it reads) on real events in an in-memory DuckDB and print its"
        + " first rows; no store is opened.")
final class PreviewCommand implements Callable<Integer> {

  @Mixin TemplateOptions templates;

  @Parameters(index = "0", paramLabel = "FEATURE", description = "The feature to preview.")
  String feature;

  @Option(names = "--events", required = true, description = "Folder of event Parquet files (read as DIR/**/*.parquet).")
  Path events;

  @Option(names = "--as-of", required = true, description = "ISO-8601 instant to compute as of, e.g. 2026-11-24T00:00:00Z.")
  Instant asOf;

  @Option(names = "--lookback-days", defaultValue = "180", converter = NumberOptions.Days.class, description = "Days of events before the as-of that count (default: ${DEFAULT-VALUE}).")
  int lookbackDays;

  @Option(names = "--limit", defaultValue = "20", converter = NumberOptions.Positive.class, description = "Rows to print, by customer id (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--memory-limit",
      defaultValue = "${env:LOYALTYLENS_DUCKDB_MEMORY:-4GB}",
      converter = NumberOptions.MemoryLimit.class,
      description = "DuckDB's memory limit, native and outside the JVM heap (default: ${DEFAULT-VALUE}).")
  String memoryLimit;

  @Override
  public Integer call() {
    System.out.println(
        Preview.table(templates.definitions(), feature, events, asOf, lookbackDays, limit, memoryLimit));
    return ExitCodes.OK;
  }
}
