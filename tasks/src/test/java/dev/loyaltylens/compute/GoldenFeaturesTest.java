package dev.loyaltylens.compute;

import static dev.loyaltylens.testing.EventsFixture.T;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.testing.EventsFixture;
import dev.loyaltylens.testing.Project;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every feature on a tiny hand-made event set, T = 2026-11-24T00:00:00Z. The expected values are
 * worked out in the comments, so a reader can check the arithmetic.
 */
class GoldenFeaturesTest {

  @TempDir static Path dir;
  static Map<String, Map<String, Object>> vectors = new HashMap<>();
  static FeatureComputation.Result result;

  @BeforeAll
  static void computeGoldenSet() throws Exception {
    EventsFixture events =
        new EventsFixture()
            // ann: a bit of everything, with events exactly at T - 30 d and T - 90 d, at T and
            // after T
            .event(
                "ann",
                "purchase",
                ofDays(1).plus(ofHours(2)),
                10.0,
                "web") // last event: 26 h before T
            .event(
                "ann", "purchase", ofDays(30), 20.0, "mobile") // exactly T - 30 d: counts in 30 d
            .event("ann", "app_open", ofDays(31), null, "mobile")
            .event(
                "ann", "purchase", ofDays(90), 5.0, "in-store") // exactly T - 90 d: counts in 90 d
            .event("ann", "purchase", ofDays(91), 7.0, "web") // outside 90 d
            .event("ann", "offer_view", ofDays(100), null, "mobile")
            .event("ann", "redeem", ofDays(99), null, "mobile")
            .eventAt("ann", "purchase", T, 1000.0, "web") // at T: never used
            .eventAt("ann", "purchase", T.plus(ofDays(1)), 1000.0, "web") // after T: never used
            // ben: no offer views; a web / in-store tie
            .event("ben", "app_open", ofDays(10), null, "web")
            .event("ben", "app_open", ofDays(5), null, "in-store")
            // cat: three redeems for one offer view; a mobile / web tie
            .event("cat", "offer_view", ofDays(20), null, "mobile")
            .event("cat", "redeem", ofDays(19), null, "mobile")
            .event("cat", "redeem", ofDays(18), null, "web")
            .event("cat", "redeem", ofDays(17), null, "web")
            // dan: only events older than the 180-day lookback
            .event("dan", "app_open", ofDays(181), null, "web")
            .event("dan", "purchase", ofDays(200), 50.0, "web")
            // eve: one event exactly at T - 180 d, the lookback's first instant
            .event("eve", "app_open", ofDays(180), null, "web")
            // fay: only an event at T
            .eventAt("fay", "app_open", T, null, "mobile")
            // gus: a redeem without any offer view
            .event("gus", "redeem", ofDays(3), null, "mobile");
    Path eventsDir = events.writeTo(dir.resolve("events"));
    try (FeatureStore store = Project.openStore(dir.resolve("home"))) {
      result =
          new FeatureComputation(
                  DefinitionSet.load(Project.sql()), Project.migrations(), 0.05, line -> {})
              .compute(store, eventsDir, T, 180);
      store
          .handle()
          .createQuery("select * exclude (version, computed_at) from features where version = :v")
          .bind("v", result.version())
          .mapToMap()
          .forEach(row -> vectors.put((String) row.get("customer_id"), row));
    }
  }

  @Test
  void customers_with_no_event_in_the_lookback_are_absent() {
    assertThat(vectors).containsOnlyKeys("ann", "ben", "cat", "eve", "gus");
  }

  @Test
  void recency_counts_whole_days_elapsed() {
    assertThat(vectors.get("ann").get("recency_days")).isEqualTo(1); // 26 h -> 1 whole day
    assertThat(vectors.get("ben").get("recency_days")).isEqualTo(5);
    assertThat(vectors.get("cat").get("recency_days")).isEqualTo(17);
    assertThat(vectors.get("eve").get("recency_days"))
        .isEqualTo(180); // the lookback's first instant is in
  }

  @Test
  void frequency_counts_events_from_exactly_thirty_days_before() {
    assertThat(vectors.get("ann").get("frequency_30d"))
        .isEqualTo(2); // 26 h and exactly 30 d; not 31 d, not T
    assertThat(vectors.get("cat").get("frequency_30d")).isEqualTo(4);
    assertThat(vectors.get("eve").get("frequency_30d")).isEqualTo(0);
  }

  @Test
  void monetary_sums_purchases_from_exactly_ninety_days_before() {
    assertThat((Double) vectors.get("ann").get("monetary_90d"))
        .isCloseTo(35.0, within(1e-9)); // 10 + 20 + 5
    assertThat((Double) vectors.get("ben").get("monetary_90d")).isEqualTo(0.0);
  }

  @Test
  void redemption_rate_is_capped_at_one_and_zero_without_offer_views() {
    assertThat((Double) vectors.get("ann").get("offer_redemption_rate")).isEqualTo(1.0); // 1 / 1
    assertThat((Double) vectors.get("ben").get("offer_redemption_rate")).isEqualTo(0.0); // no views
    assertThat((Double) vectors.get("cat").get("offer_redemption_rate"))
        .isEqualTo(1.0); // min(1, 3 / 1)
    assertThat((Double) vectors.get("gus").get("offer_redemption_rate"))
        .isEqualTo(0.0); // a redeem, no view
  }

  @Test
  void channel_preference_breaks_ties_alphabetically() {
    assertThat(vectors.get("ann").get("channel_preference"))
        .isEqualTo("mobile"); // mobile 4, web 2, in-store 1
    assertThat(vectors.get("ben").get("channel_preference"))
        .isEqualTo("in-store"); // in-store 1 = web 1
    assertThat(vectors.get("cat").get("channel_preference"))
        .isEqualTo("mobile"); // mobile 2 = web 2
  }

  @Test
  void engagement_score_weights_the_capped_components() {
    // ann: 0.30 * (1 - 1/90) + 0.25 * (2/20) + 0.25 * (35/100) + 0.20 * 1
    assertThat((Double) vectors.get("ann").get("engagement_score"))
        .isCloseTo(0.30 * 89 / 90 + 0.025 + 0.0875 + 0.20, within(1e-9));
    // ben: 0.30 * (1 - 5/90) + 0.25 * (2/20)
    assertThat((Double) vectors.get("ben").get("engagement_score"))
        .isCloseTo(0.30 * 85 / 90 + 0.025, within(1e-9));
    // cat: 0.30 * (1 - 17/90) + 0.25 * (4/20) + 0.20 * 1
    assertThat((Double) vectors.get("cat").get("engagement_score"))
        .isCloseTo(0.30 * 73 / 90 + 0.05 + 0.20, within(1e-9));
    // eve: recency 180 -> max(0, 1 - 2) = 0, and nothing else
    assertThat((Double) vectors.get("eve").get("engagement_score")).isEqualTo(0.0);
  }

  @Test
  void staging_reports_what_it_read() {
    assertThat(result.staging().rowsRead()).isEqualTo(20);
    assertThat(result.staging().quarantined()).isZero();
    assertThat(result.staging().customers()).isEqualTo(5);
  }
}
