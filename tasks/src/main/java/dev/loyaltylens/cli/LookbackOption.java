package dev.loyaltylens.cli;

import dev.loyaltylens.definitions.RunValues;
import picocli.CommandLine.Option;

/**
 * {@code --lookback-days}: how far before the as-of the events count, the same option wherever a
 * run is made.
 */
final class LookbackOption {

  @Option(
      names = "--lookback-days",
      defaultValue = "" + RunValues.DEFAULT_LOOKBACK_DAYS,
      converter = NumberOptions.Days.class,
      description = "Days of events before the as-of that count (default: ${DEFAULT-VALUE}).")
  int days;
}
