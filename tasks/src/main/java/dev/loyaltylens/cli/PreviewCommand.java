package dev.loyaltylens.cli;

import dev.loyaltylens.analyst.Preview;
import dev.loyaltylens.command.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code preview}: one feature computed on real events in memory, without a store. */
@Command(
    name = "preview",
    description =
        "Compute one feature (and what it reads) on real events in an in-memory DuckDB and print its"
            + " first rows; no store is opened.")
final class PreviewCommand implements Callable<Integer> {

  @Mixin TemplateOptions templates;

  @Parameters(index = "0", paramLabel = "FEATURE", description = "The feature to preview.")
  String feature;

  @Mixin RunInputOptions run;

  @Option(
      names = "--limit",
      defaultValue = "20",
      converter = NumberOptions.Positive.class,
      description = "Rows to print, by customer id (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--memory-limit",
      defaultValue = "${env:LOYALTYLENS_DUCKDB_MEMORY:-4GB}",
      converter = NumberOptions.MemoryLimit.class,
      description =
          "DuckDB's memory limit, native and outside the JVM heap (default: ${DEFAULT-VALUE}).")
  String memoryLimit;

  @Override
  public Integer call() {
    System.out.println(
        Preview.table(
            templates.definitions(),
            feature,
            run.requireEvents(),
            run.asOf,
            run.lookbackDays(),
            limit,
            memoryLimit));
    return ExitCodes.OK;
  }
}
