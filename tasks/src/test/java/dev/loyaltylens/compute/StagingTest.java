package dev.loyaltylens.compute;

import static dev.loyaltylens.testing.EventsFixture.T;
import static java.time.Duration.ofDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.testing.EventsFixture;
import dev.loyaltylens.testing.Project;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging: bad rows are set aside with their reason, duplicates are dropped once, and both are reported. */
class StagingTest {

  @TempDir Path dir;

  private FeatureComputation computation(double maxShare) {
    return new FeatureComputation(DefinitionSet.load(Project.sql()), Project.migrations(), maxShare, line -> {});
  }

  @Test
  void quarantines_rows_that_break_a_rule_and_drops_duplicates_once() throws Exception {
    EventsFixture events = new EventsFixture();
    for (int i = 0; i < 100; i++) {
      events.event("good-" + i, "app_open", ofDays(1 + i % 20), null, "web");
    }
    events
        .eventWithId("dup-1", "good-0", "purchase", T.minus(ofDays(2)), 10.0, "web")
        .eventWithId("dup-1", "good-0", "purchase", T.minus(ofDays(2)), 10.0, "web")
        .eventWithId("dup-1", "good-0", "purchase", T.minus(ofDays(2)), 10.0, "web")
        .event("has space", "app_open", ofDays(1), null, "web")
        .event("good-1", "teleport", ofDays(1), null, "web")
        .event("good-2", "purchase", ofDays(1), -5.0, "web");
    Path eventsDir = events.writeTo(dir.resolve("events"));
    try (FeatureStore store = Project.openStore(dir.resolve("home"))) {
      FeatureComputation.Result result = computation(0.05).compute(store, eventsDir, T, 180);

      assertThat(result.staging().rowsRead()).isEqualTo(106);
      assertThat(result.staging().duplicatesDropped()).isEqualTo(2);
      assertThat(result.staging().quarantinedByReason())
          .containsEntry("customer_id has characters outside [A-Za-z0-9_-]", 1L)
          .containsEntry("event_type not one of purchase, app_open, offer_view, redeem", 1L)
          .containsEntry("purchase with negative amount", 1L);
      double monetary =
          store.handle()
              .createQuery("select monetary_90d from features where version = :v and customer_id = 'good-0'")
              .bind("v", result.version())
              .mapTo(Double.class)
              .one();
      assertThat(monetary).isEqualTo(10.0); // the duplicated purchase counts once
      assertThat(store.registry().require(result.version()).stagingReport()).contains("\"duplicates_dropped\":2");
      assertThat(
              store.handle().createQuery("select count(*) from quarantine where version = :v")
                  .bind("v", result.version()).mapTo(Long.class).one())
          .isEqualTo(3);
    }
  }

  @Test
  void fails_when_the_share_of_bad_rows_passes_the_threshold() throws Exception {
    EventsFixture events = new EventsFixture();
    for (int i = 0; i < 10; i++) {
      events.event("good-" + i, "app_open", ofDays(1), null, "web");
    }
    events.event("bad id!", "app_open", ofDays(1), null, "web");
    Path eventsDir = events.writeTo(dir.resolve("events"));
    try (FeatureStore store = Project.openStore(dir.resolve("home"))) {
      assertThatThrownBy(() -> computation(0.05).compute(store, eventsDir, T, 180))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("9.09% of the events")
          .hasMessageContaining("threshold 5.00%");
      assertThat(store.registry().latestPublished()).isEmpty();
    }
  }
}
