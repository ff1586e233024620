package dev.loyaltylens.cli;

import dev.loyaltylens.analyst.FixtureSuite;
import dev.loyaltylens.analyst.FixturesFailedException;
import dev.loyaltylens.command.ExitCodes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code test}: the fixtures kept next to the templates, each computed in memory and compared. */
@Command(
    name = "test",
    description =
        "Run the fixtures next to the templates (sql/features/*.test.txt): their events through every"
            + " template in memory, compared with the expected values.")
final class TestCommand implements Callable<Integer> {

  @Mixin TemplateOptions templates;

  @Parameters(
      arity = "0..*",
      paramLabel = "FEATURE",
      description = "Only the fixtures of these features (default: all).")
  List<String> features = List.of();

  @Override
  public Integer call() {
    FixtureSuite.Summary summary =
        FixtureSuite.run(
            templates.sqlDir(),
            features,
            report -> {
              System.out.println(report);
              System.out.flush();
            });
    if (summary.failed() > 0 || summary.run() == 0) {
      throw new FixturesFailedException(summary.line());
    }
    System.out.println(summary.line());
    return ExitCodes.OK;
  }
}
