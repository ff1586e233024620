package dev.loyaltylens.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.TypeConversionException;

/** Reads the as-of instant: ISO-8601 with a zone, such as {@code 2026-11-24T00:00:00Z} or {@code ...+00:00}. */
final class Instants {

  /** The range of as-of instants: the generator's, and years a version id writes in four digits. */
  static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

  private Instants() {}

  static Instant parse(String text) {
    Instant instant = read(text);
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw new TypeConversionException(
          "`" + text + "` is outside " + EARLIEST + " to " + LATEST + ", the instants a version id can name (its"
              + " as-of is written with a four-digit year)");
    }
    return instant;
  }

  private static Instant read(String text) {
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
