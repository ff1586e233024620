package dev.loyaltylens.cli;

import dev.loyaltylens.command.Instants;
import dev.loyaltylens.generation.GeneratorSettings;
import java.time.Instant;
import picocli.CommandLine.Option;

/** The generator's options, shared by {@code generate}, {@code pipeline} and {@code run}. */
final class GeneratorOptions {

  @Option(names = "--events", defaultValue = "50000", description = "Number of events (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--customers", defaultValue = "5000", description = "Number of customers (default: ${DEFAULT-VALUE}).")
  long customers;

  @Option(names = "--days", defaultValue = "180", description = "Days of history before the as-of (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same rows (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--as-of", description = "ISO-8601 instant the events end at (default: the start of today, UTC).")
  Instant asOf;

  Instant asOfOrToday() {
    return asOf == null ? Instants.startOfToday() : asOf;
  }

  GeneratorSettings settings() {
    return new GeneratorSettings(events, customers, days, seed, asOfOrToday());
  }
}
