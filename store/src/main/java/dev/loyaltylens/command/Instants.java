package dev.loyaltylens.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads instants as users write them: ISO-8601 with a zone ({@code 2026-11-24T00:00:00Z}, {@code
 * ...+01:00}), or, where a date is enough, a date alone, read as midnight UTC.
 */
public final class Instants {

  /** What every message about a malformed instant tells the user to write. */
  public static final String EXAMPLE = "2026-11-24T00:00:00Z";

  private Instants() {}

  /** An instant with a zone; empty when the text is none. */
  public static Optional<Instant> parse(String text) {
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException notZulu) {
      try {
        return Optional.of(OffsetDateTime.parse(text).toInstant());
      } catch (DateTimeParseException notWithOffset) {
        return Optional.empty();
      }
    }
  }

  /** An instant with a zone or a date (midnight UTC); empty when the text is neither. */
  public static Optional<Instant> parseOrDate(String text) {
    Optional<Instant> instant = parse(text);
    if (instant.isPresent()) {
      return instant;
    }
    try {
      return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeParseException notADate) {
      return Optional.empty();
    }
  }

  /**
   * The range of an instant option: the generator's, and the years a version id writes in four
   * digits.
   */
  static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

  /** The picocli converter of every {@code Instant} option. */
  static Instant parseOption(String text) {
    Instant instant =
        parse(text)
            .orElseThrow(
                () ->
                    new TypeConversionException(
                        "`" + text + "` is not an ISO-8601 instant: write it like " + EXAMPLE));
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw new TypeConversionException(
          "`"
              + text
              + "` is outside "
              + EARLIEST
              + " to "
              + LATEST
              + ", the instants a version id can name (its"
              + " as-of is written with a four-digit year)");
    }
    return instant;
  }

  /** The start of the current UTC day: the default as-of, so that reruns on one day agree. */
  public static Instant startOfToday() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
  }
}
