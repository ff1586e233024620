package dev.loyaltylens.cli;

import dev.loyaltylens.UsageException;
import dev.loyaltylens.command.Instants;
import dev.loyaltylens.generation.GenerationException;
import dev.loyaltylens.generation.GeneratorSettings;
import java.time.Instant;
import picocli.CommandLine.Option;

/** The generator's options, shared by {@code generate}, {@code pipeline} and {@code run}. */
final class GeneratorOptions {

  @Option(
      names = "--events",
      defaultValue = "50000",
      converter = NumberOptions.PositiveLong.class,
      description = "Number of events (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(
      names = "--customers",
      defaultValue = "5000",
      converter = NumberOptions.PositiveLong.class,
      description = "Number of customers (default: ${DEFAULT-VALUE}).")
  long customers;

  @Option(
      names = "--days",
      defaultValue = "180",
      converter = NumberOptions.Days.class,
      description = "Days of history before the as-of (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed; the same seed gives the same rows (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--as-of",
      description = "ISO-8601 instant the events end at (default: the start of today, UTC).")
  Instant asOf;

  Instant asOfOrToday() {
    return asOf == null ? Instants.startOfToday() : asOf;
  }

  /**
   * The settings; options that do not fit together (more customers than events) are a usage error
   * too.
   */
  GeneratorSettings settings() {
    try {
      return new GeneratorSettings(events, customers, days, seed, asOfOrToday());
    } catch (GenerationException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
