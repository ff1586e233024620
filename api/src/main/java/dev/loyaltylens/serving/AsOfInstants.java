package dev.loyaltylens.serving;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads the {@code as_of} parameter: an ISO-8601 instant, a date-time with an offset, or a date (midnight UTC). */
final class AsOfInstants {

  private AsOfInstants() {}

  static Instant parse(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException notWithOffset) {
        try {
          return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
          throw new MalformedRequestException(
              "as_of `" + Quoting.shorten(text) + "` is not an ISO-8601 instant: write it like 2026-11-24T00:00:00Z");
        }
      }
    }
  }
}
