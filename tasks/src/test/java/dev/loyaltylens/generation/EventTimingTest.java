package dev.loyaltylens.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When generated events happen: the window, the weekly peaks and redemptions after offers (SPEC
 * section 2).
 */
class EventTimingTest {

  private static final String MONDAY_MORNING =
      "dayofweek(%1$s) = 1 and hour(%1$s) between 6 and 10";
  private static final String FRIDAY_AFTERNOON =
      "dayofweek(%1$s) = 5 and hour(%1$s) between 12 and 17";

  @TempDir static Path halfYearDir;
  private static GeneratedEvents halfYear;

  @BeforeAll
  static void generateHalfYear() throws SQLException {
    halfYear = generate(halfYearDir, 200_000, 20_000, 180, "2026-04-28T00:00:00Z");
  }

  @AfterAll
  static void close() throws SQLException {
    halfYear.close();
  }

  @Test
  void every_event_falls_in_the_days_before_the_as_of() throws SQLException {
    assertThat(
            halfYear.count(
                "select count(*) from events where event_ts < timestamp '2025-10-30 00:00:00'"
                    + " or event_ts >= timestamp '2026-04-28 00:00:00'"))
        .isZero();
    // the whole window is used, up to its first and last hour
    assertThat(
            halfYear.count(
                "select count(*) from events where event_ts >= timestamp '2026-04-27 23:00:00'"))
        .isPositive();
    assertThat(
            halfYear.count(
                "select count(*) from events where event_ts < timestamp '2025-10-30 01:00:00'"))
        .isPositive();
  }

  @Test
  void app_opens_peak_on_monday_mornings_and_purchases_on_friday_afternoons() throws SQLException {
    assertThat(peakRatio(halfYear, "app_open", MONDAY_MORNING, "2025-10-30", "2026-04-28"))
        .isGreaterThan(2.0);
    assertThat(peakRatio(halfYear, "purchase", FRIDAY_AFTERNOON, "2025-10-30", "2026-04-28"))
        .isGreaterThan(2.0);
    // each peak belongs to its own event type
    assertThat(peakRatio(halfYear, "offer_view", MONDAY_MORNING, "2025-10-30", "2026-04-28"))
        .isBetween(0.7, 1.3);
    assertThat(peakRatio(halfYear, "app_open", FRIDAY_AFTERNOON, "2025-10-30", "2026-04-28"))
        .isBetween(0.7, 1.3);
  }

  @Test
  void most_redeems_follow_an_offer_view_of_the_same_customer_within_3_days() throws SQLException {
    assertThat(redeemsAfterAnOffer(halfYear)).isGreaterThanOrEqualTo(0.80);
  }

  @Test
  void a_one_day_window_with_a_fractional_as_of_keeps_every_event_inside(@TempDir Path dir)
      throws SQLException {
    try (GeneratedEvents events =
        generate(dir, 20_000, 1_000, 1, "2026-04-27T08:00:00.123456789Z")) {
      assertThat(
              events.count(
                  "select count(*) from events where event_ts < timestamp '2026-04-26 08:00:00.123456'"
                      + " or event_ts >= timestamp '2026-04-27 08:00:00.123456'"))
          .isZero();
      assertThat(redeemsAfterAnOffer(events)).isGreaterThanOrEqualTo(0.80);
    }
  }

  @Test
  void peaks_stay_on_mondays_and_fridays_before_1970(@TempDir Path dir) throws SQLException {
    try (GeneratedEvents events = generate(dir, 40_000, 2_000, 90, "1969-07-20T20:17:00Z")) {
      assertThat(
              peakRatio(
                  events, "app_open", MONDAY_MORNING, "1969-04-21 20:17:00", "1969-07-20 20:17:00"))
          .isGreaterThan(2.0);
      assertThat(
              peakRatio(
                  events,
                  "purchase",
                  FRIDAY_AFTERNOON,
                  "1969-04-21 20:17:00",
                  "1969-07-20 20:17:00"))
          .isGreaterThan(2.0);
    }
  }

  private static GeneratedEvents generate(
      Path dir, long events, long customers, int days, String asOf) throws SQLException {
    EventGenerator.generate(
        new GeneratorSettings(events, customers, days, 42, Instant.parse(asOf)), dir, line -> {});
    return new GeneratedEvents(dir);
  }

  /**
   * Events of a type per hour inside a weekly slot, over the same per hour in the rest of the
   * window.
   */
  private static double peakRatio(
      GeneratedEvents events, String type, String slot, String from, String to)
      throws SQLException {
    String inSlot = String.format(slot, "event_ts");
    String hourInSlot = String.format(slot, "h");
    return events.number(
        "with hours as (select h from range(timestamp '"
            + from
            + "', timestamp '"
            + to
            + "', interval 1 hour) t(h)),"
            + " exposure as (select count(*) filter (where "
            + hourInSlot
            + ") as slot_hours,"
            + " count(*) filter (where not ("
            + hourInSlot
            + ")) as other_hours from hours),"
            + " typed as (select count(*) filter (where "
            + inSlot
            + ") as in_slot,"
            + " count(*) filter (where not ("
            + inSlot
            + ")) as other from events where event_type = '"
            + type
            + "')"
            + " select (in_slot / slot_hours) / (other / other_hours) from typed, exposure");
  }

  /**
   * The share of redeems that come after an offer_view of the same customer, at most 3 days later.
   */
  private static double redeemsAfterAnOffer(GeneratedEvents events) throws SQLException {
    return events.number(
        "select avg(case when exists (select 1 from events o where o.event_type = 'offer_view'"
            + " and o.customer_id = r.customer_id and o.event_ts < r.event_ts"
            + " and r.event_ts <= o.event_ts + interval 3 day) then 1 else 0 end)"
            + " from events r where r.event_type = 'redeem'");
  }
}
