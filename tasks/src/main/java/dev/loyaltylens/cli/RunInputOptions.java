package dev.loyaltylens.cli;

import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The inputs of a run over an events folder, shared by {@code compute}, {@code preview} and {@code
 * render}.
 */
final class RunInputOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--events",
      description =
          "Folder of event Parquet files (read as DIR/**/*.parquet); for render, only to show the exact"
              + " list of files compute binds.")
  Path events;

  @Option(
      names = "--as-of",
      required = true,
      description = "ISO-8601 instant to compute as of, e.g. 2026-11-24T00:00:00Z.")
  Instant asOf;

  @Mixin LookbackOption lookback;

  int lookbackDays() {
    return lookback.days;
  }

  /** The events folder, for the commands that read events. */
  Path requireEvents() {
    if (events == null) {
      throw new ParameterException(
          command.commandLine(), "Missing required option: '--events=<events>'");
    }
    return events;
  }
}
