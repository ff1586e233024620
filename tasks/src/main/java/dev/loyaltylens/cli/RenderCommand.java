package dev.loyaltylens.cli;

import dev.loyaltylens.analyst.RunScript;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code render}: a feature's SQL exactly as compute runs it, with the bound values listed. */
@Command(
    name = "render",
    description = "Print a feature's SQL as compute runs it: the statements for it and what it reads, with the"
        + " bound values in a comment block.")
final class RenderCommand implements Callable<Integer> {

  @Mixin TemplateOptions templates;

  @Parameters(index = "0", paramLabel = "FEATURE", description = "The feature (or staging model) to render.")
  String feature;

  @Option(names = "--as-of", required = true, description = "ISO-8601 instant to render for, e.g. 2026-11-24T00:00:00Z.")
  Instant asOf;

  @Option(names = "--lookback-days", defaultValue = "180", converter = NumberOptions.Days.class, description = "Days of events before the as-of that count (default: ${DEFAULT-VALUE}).")
  int lookbackDays;

  @Option(names = "--events", description = "Events folder, to show the exact list of files compute binds (optional).")
  Path events;

  @Option(names = "--only", description = "Print only the feature's own statement, not those of what it reads.")
  boolean only;

  @Override
  public Integer call() {
    System.out.print(RunScript.render(templates.definitions(), feature, asOf, lookbackDays, events, only));
    return ExitCodes.OK;
  }
}
