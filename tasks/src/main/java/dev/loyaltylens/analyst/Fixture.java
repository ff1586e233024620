package dev.loyaltylens.analyst;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A fixture an analyst keeps next to a template ({@code sql/features/NAME.test.txt}, or {@code
 * NAME.CASE.test.txt}): a few events in, the expected feature values out. {@link FixtureParser}
 * documents the format.
 *
 * @param display the path a user sees, such as {@code sql/features/recency_days.test.txt}
 * @param expectColumns the feature columns the fixture checks, after {@code customer_id}
 * @param tolerance the largest absolute difference accepted between an expected and a computed
 *     DOUBLE
 */
record Fixture(
    Path file,
    String display,
    Instant asOf,
    int lookbackDays,
    double tolerance,
    List<Event> events,
    List<String> expectColumns,
    List<Expected> expected) {

  Fixture {
    events = List.copyOf(events);
    expectColumns = List.copyOf(expectColumns);
    expected = List.copyOf(expected);
  }

  /** One event row; a null value is a missing one. */
  record Event(
      int line,
      String eventId,
      String customerId,
      String eventType,
      Instant eventTs,
      Double amount,
      String channel) {}

  /**
   * One expected row: a customer and its value per checked column (the cell text; null for null).
   */
  record Expected(int line, String customerId, Map<String, String> values) {}
}
