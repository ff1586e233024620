package dev.loyaltylens.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture format: aligned pipe tables with notes, times relative to as_of, and every problem
 * located.
 */
class FixtureParserTest {

  private static final String DISPLAY = "sql/features/probe.test.txt";
  private static final String EVENTS =
      """
      events:
      | customer_id | event_type | event_ts | amount | channel |
      | ann         | purchase   | T-1d2h   | 10.0   | web     |  # a note: ignored
      """;
  private static final String EXPECT =
      """

      expect:
      | customer_id | probe |
      | ann         | 1     |
      """;

  @TempDir Path dir;

  private Fixture parse(String text) throws Exception {
    Path file = dir.resolve("probe.test.txt");
    Files.writeString(file, text);
    return FixtureParser.parse(file, DISPLAY);
  }

  private String problem(String text) {
    return assertThatThrownBy(() -> parse(text))
        .isInstanceOf(FixtureFormatException.class)
        .actual()
        .getMessage();
  }

  @Test
  void reads_settings_tables_relative_times_and_missing_values() throws Exception {
    Fixture fixture =
        parse(
            "# what it shows\nas_of: 2026-11-24T00:00:00Z\nlookback_days: 90\ntolerance: 1e-6\n\n"
                + EVENTS
                + "| ben | app_open | T | null | |\n"
                + EXPECT);

    assertThat(fixture.asOf()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    assertThat(fixture.lookbackDays()).isEqualTo(90);
    assertThat(fixture.tolerance()).isEqualTo(1e-6);
    assertThat(fixture.events())
        .containsExactly(
            new Fixture.Event(
                8, "e1", "ann", "purchase", Instant.parse("2026-11-22T22:00:00Z"), 10.0, "web"),
            new Fixture.Event(
                9, "e2", "ben", "app_open", Instant.parse("2026-11-24T00:00:00Z"), null, null));
    assertThat(fixture.expectColumns()).containsExactly("probe");
    assertThat(fixture.expected())
        .containsExactly(new Fixture.Expected(13, "ann", Map.of("probe", "1")));
  }

  @Test
  void settings_are_located_when_unknown_missing_or_malformed() {
    assertThat(problem("as_of: 2026-11-24T00:00:00Z\nlookback: 90\n" + EVENTS + EXPECT))
        .isEqualTo(
            DISPLAY
                + ":2:1: unknown setting `lookback`: a fixture has as_of:, lookback_days: and tolerance:,"
                + " then an events: table and an expect: table");
    assertThat(problem(EVENTS + EXPECT))
        .isEqualTo(
            DISPLAY
                + ":1:1: no `as_of:` line: write the instant the"
                + " features are computed as of, like `as_of: 2026-11-24T00:00:00Z`");
    assertThat(problem("as_of: T-1d\n" + EVENTS + EXPECT))
        .isEqualTo(
            DISPLAY + ":1:1: as_of must be an instant like 2026-11-24T00:00:00Z, got `T-1d`");
    assertThat(problem("as_of: 2026-11-24T00:00:00Z\nlookback_days: 90.5\n" + EVENTS + EXPECT))
        .isEqualTo(DISPLAY + ":2:1: lookback_days must be a whole number, got `90.5`");
    assertThat(problem("as_of: 2026-11-24T00:00:00Z\n| ann |\n" + EVENTS + EXPECT))
        .isEqualTo(DISPLAY + ":2:1: expected `as_of: ...`, `events:` or `expect:`, got `| ann |`");
  }

  @Test
  void table_problems_name_their_row_and_cell() {
    String asOf = "as_of: 2026-11-24T00:00:00Z\n";
    assertThat(problem(asOf + EVENTS + "| ben | app_open | T-1x | | web |\n" + EXPECT))
        .isEqualTo(
            DISPLAY
                + ":5:20: `T-1x` is not a time: write T, T-30d, T-1d2h or an instant like"
                + " 2026-11-24T00:00:00Z");
    assertThat(problem(asOf + EVENTS + "| ben | purchase | T-1d | ten | web |\n" + EXPECT))
        .isEqualTo(DISPLAY + ":5:27: amount `ten` is not a number");
    assertThat(problem(asOf + EVENTS + "| ben | app_open | T-1d |\n" + EXPECT))
        .isEqualTo(
            DISPLAY
                + ":5:1: this row has 3 cells, and the header 5 (customer_id, event_type, event_ts,"
                + " amount, channel)");
    assertThat(problem(asOf + "events:\n| customer_id | event_type | ts |\n" + EXPECT))
        .isEqualTo(
            DISPLAY
                + ":3:1: unknown events column `ts`: use event_id, customer_id, event_type, event_ts,"
                + " amount, channel");
    assertThat(problem(asOf + EVENTS + EXPECT + "| ann         | 2     |\n"))
        .isEqualTo(DISPLAY + ":9:1: customer `ann` is listed twice");
    assertThat(problem(asOf + EVENTS + EXPECT + "\n" + EVENTS))
        .isEqualTo(
            DISPLAY
                + ":10:1: a second `events:` section: a fixture has one events table and one expect"
                + " table (put another case in another file)");
    assertThat(problem(asOf + EVENTS + "\nexpect:\n| probe |\n| 1 |\n"))
        .isEqualTo(
            DISPLAY
                + ":7:1: the expect table's header is customer_id then one column per feature, like"
                + " `| customer_id | recency_days |`");
  }
}
