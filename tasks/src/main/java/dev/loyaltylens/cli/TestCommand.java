package dev.loyaltylens.cli;

import dev.loyaltylens.analyst.FixtureSuite;
import dev.loyaltylens.analyst.FixturesFailedException;
import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.engine.Engine;
import dev.loyaltylens.engine.EngineOptions;
import dev.loyaltylens.engine.Engines;
import dev.loyaltylens.engine.duckdb.DuckDbEngine;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code test}: the fixtures kept next to the templates, each computed in memory and compared. */
@Command(
    name = "test",
    description =
        "Run the fixtures next to the templates (sql/features/*.test.txt): their events through every"
            + " template in memory, compared with the expected values; with --engine spark, on DuckDB and on Spark.")
final class TestCommand implements Callable<Integer> {

  @Mixin TemplateOptions templates;

  @Mixin EngineOption engine;

  @Parameters(
      arity = "0..*",
      paramLabel = "FEATURE",
      description = "Only the fixtures of these features (default: all).")
  List<String> features = List.of();

  @Override
  public Integer call() {
    Consumer<String> print =
        report -> {
          System.out.println(report);
          System.out.flush();
        };
    EngineOptions options = engine.options();
    FixtureSuite.Summary summary;
    if (options.name().equals(DuckDbEngine.NAME)) {
      summary = FixtureSuite.run(templates.sqlDir(), features, print);
    } else {
      try (Engine other = Engines.create(options)) {
        summary = FixtureSuite.run(templates.sqlDir(), features, print, List.of(other));
      }
    }
    if (summary.failed() > 0 || summary.run() == 0) {
      throw new FixturesFailedException(summary.line());
    }
    System.out.println(summary.line());
    return ExitCodes.OK;
  }
}
