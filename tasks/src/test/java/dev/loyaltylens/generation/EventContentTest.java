package dev.loyaltylens.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The columns, mixes and ids of 200,000 generated events (SPEC sections 1 and 2). */
class EventContentTest {

  private static final long EVENTS = 200_000;
  private static final long CUSTOMERS = 20_000;

  @TempDir static Path dir;
  private static GeneratedEvents events;

  @BeforeAll
  static void generate() throws SQLException {
    EventGenerator.generate(
        new GeneratorSettings(EVENTS, CUSTOMERS, 180, 42, Instant.parse("2026-04-28T00:00:00Z")),
        dir,
        line -> {});
    events = new GeneratedEvents(dir);
  }

  @AfterAll
  static void close() throws SQLException {
    events.close();
  }

  @Test
  void columns_have_the_names_and_types_of_the_spec() throws SQLException {
    assertThat(events.rows("select column_name, column_type from (describe events)"))
        .containsExactly(
            "event_id|VARCHAR",
            "customer_id|VARCHAR",
            "event_type|VARCHAR",
            "event_ts|TIMESTAMP",
            "amount|DOUBLE",
            "channel|VARCHAR");
  }

  @Test
  void event_mix_is_35_40_15_10_within_one_point() throws SQLException {
    assertThat(events.count("select count(*) from events")).isEqualTo(EVENTS);
    assertThat(share("event_type = 'purchase'")).isCloseTo(35.0, within(1.0));
    assertThat(share("event_type = 'app_open'")).isCloseTo(40.0, within(1.0));
    assertThat(share("event_type = 'offer_view'")).isCloseTo(15.0, within(1.0));
    assertThat(share("event_type = 'redeem'")).isCloseTo(10.0, within(1.0));
  }

  @Test
  void channel_mix_is_55_20_25_within_one_point() throws SQLException {
    assertThat(share("channel = 'mobile'")).isCloseTo(55.0, within(1.0));
    assertThat(share("channel = 'web'")).isCloseTo(20.0, within(1.0));
    assertThat(share("channel = 'in-store'")).isCloseTo(25.0, within(1.0));
  }

  @Test
  void purchase_amounts_average_8_50_in_cents_and_other_events_have_none() throws SQLException {
    assertThat(events.number("select avg(amount) from events where event_type = 'purchase'"))
        .isCloseTo(8.5, within(0.15));
    assertThat(
            events.count(
                "select count(*) from events where event_type = 'purchase' and (amount is null or amount < 0)"))
        .isZero();
    assertThat(
            events.count(
                "select count(*) from events where event_type <> 'purchase' and amount is not null"))
        .isZero();
    assertThat(events.count("select count(*) from events where round(amount, 2) <> amount"))
        .isZero();
  }

  @Test
  void customer_ids_are_lower_case_v4_uuids_from_a_population_of_m() throws SQLException {
    assertThat(
            events.count(
                "select count(*) from events where not regexp_full_match(customer_id,"
                    + " '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}')"))
        .isZero();
    long distinct = events.count("select count(distinct customer_id) from events");
    assertThat(distinct).isLessThanOrEqualTo(CUSTOMERS).isGreaterThan(CUSTOMERS * 97 / 100);
  }

  @Test
  void customers_have_a_mildly_skewed_number_of_events() throws SQLException {
    String perCustomer = "(select customer_id, count(*) as n from events group by customer_id)";
    assertThat(events.number("select median(n) from " + perCustomer)).isBetween(6.0, 10.0);
    assertThat(events.number("select max(n) from " + perCustomer)).isBetween(30.0, 500.0);
  }

  @Test
  void event_ids_are_unique_v4_uuids() throws SQLException {
    assertThat(events.count("select count(distinct event_id) from events")).isEqualTo(EVENTS);
    assertThat(
            events.count(
                "select count(*) from events where not regexp_full_match(event_id,"
                    + " '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}')"))
        .isZero();
  }

  @Test
  void no_column_is_ever_null_except_amount() throws SQLException {
    assertThat(
            events.count(
                "select count(*) from events where event_id is null or customer_id is null or event_type is null"
                    + " or event_ts is null or channel is null"))
        .isZero();
  }

  private static double share(String condition) throws SQLException {
    return events.number(
        "select 100.0 * count(*) filter (where " + condition + ") / count(*) from events");
  }
}
