package dev.loyaltylens.cli;

import dev.loyaltylens.analyst.LintFailedException;
import dev.loyaltylens.analyst.Linter;
import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.definitions.TemplateProblem;
import dev.loyaltylens.engine.Engine;
import dev.loyaltylens.engine.EngineOptions;
import dev.loyaltylens.engine.Engines;
import dev.loyaltylens.engine.duckdb.DuckDbEngine;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code lint}: every template and fixture checked without computing anything; problems as
 * file:line:col.
 */
@Command(
    name = "lint",
    description =
        "Check every template and fixture: headers, sandbox and SQL rules, DuckDB's plan on an empty"
            + " events file (and, with --engine spark, Spark's plan too), each feature's column and type, and its column"
            + " in the migrated schema.")
final class LintCommand implements Callable<Integer> {

  @Mixin TemplateOptions templates;

  @Mixin EngineOption engine;

  @Override
  public Integer call() {
    EngineOptions options = engine.options();
    Linter.Report report;
    if (options.name().equals(DuckDbEngine.NAME)) {
      report = Linter.lint(templates.sqlDir(), templates.migrationsDir());
    } else {
      try (Engine other = Engines.create(options)) {
        report = Linter.lint(templates.sqlDir(), templates.migrationsDir(), List.of(other));
      }
    }
    for (TemplateProblem problem : report.problems()) {
      System.out.println(problem);
    }
    if (!report.problems().isEmpty()) {
      System.out.flush();
      throw new LintFailedException(report.summary());
    }
    System.out.println(report.summary());
    return ExitCodes.OK;
  }
}
