package dev.loyaltylens.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.TypeConversionException;

/** Reads the as-of instant: ISO-8601 with a zone, such as {@code 2026-11-24T00:00:00Z} or {@code ...+00:00}. */
final class Instants {

  private Instants() {}

  static Instant parse(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notZulu) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "`" + text + "` is not an ISO-8601 instant: write it like 2026-11-24T00:00:00Z");
      }
    }
  }

  /** The start of the current UTC day: the default as-of, so that reruns on one day agree. */
  static Instant startOfToday() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
  }
}
