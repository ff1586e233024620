package dev.loyaltylens.generation;

import java.time.Instant;
import java.util.Locale;

/**
 * What to generate: {@code events} rows for a population of {@code customers}, spread over the
 * {@code days} days that end at (and exclude) {@code asOf}, drawn from {@code seed}.
 */
public record GeneratorSettings(long events, long customers, int days, long seed, Instant asOf) {

  private static final long DEFAULT_EVENTS = 50_000;
  private static final long DEFAULT_CUSTOMERS = 5_000;
  private static final int DEFAULT_DAYS = 180;
  private static final long DEFAULT_SEED = 42;

  /**
   * Event ids embed the row number in 48 bits; this bound keeps well inside them and inside a sane
   * run.
   */
  static final long MAX_EVENTS = 10_000_000_000L;

  private static final int MAX_DAYS = 36_500;
  private static final Instant EARLIEST_AS_OF = Instant.parse("1900-01-01T00:00:00Z");
  private static final Instant LATEST_AS_OF = Instant.parse("9999-12-31T00:00:00Z");

  public GeneratorSettings {
    if (events <= 0) {
      throw invalid(
          "--events must be positive (got %d): pass the number of events to generate, e.g. --events 50000",
          events);
    }
    if (events > MAX_EVENTS) {
      throw invalid(
          "--events must be at most %,d (got %,d): generate the events in several folders",
          MAX_EVENTS, events);
    }
    if (customers <= 0) {
      throw invalid(
          "--customers must be positive (got %d): pass the size of the customer population, e.g. --customers 5000",
          customers);
    }
    if (customers > events) {
      throw invalid(
          "--customers (%,d) must not exceed --events (%,d): every customer needs an event;"
              + " lower --customers or raise --events",
          customers, events);
    }
    if (days <= 0 || days > MAX_DAYS) {
      throw invalid(
          "--days must be between 1 and %,d (got %d): pass the length of the event history, e.g. --days 180",
          MAX_DAYS, days);
    }
    if (asOf == null) {
      throw invalid(
          "--as-of is missing: pass the instant the events end at, e.g. --as-of 2026-04-28T00:00:00Z");
    }
    if (asOf.isBefore(EARLIEST_AS_OF) || asOf.isAfter(LATEST_AS_OF)) {
      throw invalid("--as-of must fall between 1900-01-01 and 9999-12-31 (got %s)", asOf);
    }
  }

  /** The defaults of SPEC section 2: 50,000 events, 5,000 customers, 180 days, seed 42. */
  public static GeneratorSettings defaults(Instant asOf) {
    return new GeneratorSettings(
        DEFAULT_EVENTS, DEFAULT_CUSTOMERS, DEFAULT_DAYS, DEFAULT_SEED, asOf);
  }

  /**
   * The as-of instant in whole microseconds, DuckDB's TIMESTAMP resolution; rounding down keeps
   * events before it.
   */
  long asOfMicros() {
    return Math.addExact(
        Math.multiplyExact(asOf.getEpochSecond(), 1_000_000L), asOf.getNano() / 1_000);
  }

  private static GenerationException invalid(String format, Object... args) {
    return new GenerationException(String.format(Locale.ROOT, format, args));
  }
}
