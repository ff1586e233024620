package dev.loyaltylens.cli;

import dev.loyaltylens.analyst.RunScript;
import dev.loyaltylens.command.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code render}: a feature's SQL exactly as compute runs it, with the bound values listed. */
@Command(
    name = "render",
    description =
        "Print a feature's SQL as compute runs it: the statements for it and what it reads, with the"
            + " bound values in a comment block.")
final class RenderCommand implements Callable<Integer> {

  @Mixin TemplateOptions templates;

  @Parameters(
      index = "0",
      paramLabel = "FEATURE",
      description = "The feature (or staging model) to render.")
  String feature;

  @Mixin RunInputOptions run;

  @Option(
      names = "--only",
      description = "Print only the feature's own statement, not those of what it reads.")
  boolean only;

  @Override
  public Integer call() {
    System.out.print(
        RunScript.render(
            templates.definitions(), feature, run.asOf, run.lookbackDays(), run.events, only));
    return ExitCodes.OK;
  }
}
