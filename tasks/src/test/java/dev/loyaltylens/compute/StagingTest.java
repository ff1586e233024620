package dev.loyaltylens.compute;

import static dev.loyaltylens.testing.EventsFixture.T;
import static java.time.Duration.ofDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import dev.loyaltylens.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staging: bad rows are set aside with their reason, duplicates are dropped once, and both are
 * reported.
 */
class StagingTest {

  @TempDir Path dir;

  private FeatureComputation computation(double maxShare) {
    return new FeatureComputation(
        DefinitionSet.load(Project.sql()), Project.migrations(), maxShare, line -> {});
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
          store
              .handle()
              .createQuery(
                  "select monetary_90d from features where version = :v and customer_id = 'good-0'")
              .bind("v", result.version())
              .mapTo(Double.class)
              .one();
      assertThat(monetary).isEqualTo(10.0); // the duplicated purchase counts once
      assertThat(store.registry().require(result.version()).stagingReport())
          .contains("\"duplicates_dropped\":2");
      assertThat(
              store
                  .handle()
                  .createQuery("select count(*) from quarantine where version = :v")
                  .bind("v", result.version())
                  .mapTo(Long.class)
                  .one())
          .isEqualTo(3);
    }
  }

  @Test
  void nan_infinite_and_oversized_amounts_are_quarantined_with_their_value_and_the_run_goes_on()
      throws Exception {
    Path events = Files.createDirectories(dir.resolve("events"));
    try (Connection connection = DuckDbConnections.open("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      // 100 clean purchases of 2.5 each, one of them 1e9 (the largest amount allowed) instead
      statement.execute(
          "copy (select 'e' || i as event_id, 'c' || (i % 10) as customer_id, 'purchase' as event_type,"
              + " timestamp '2026-11-20 10:00:00' as event_ts, case when i = 0 then 1e9 else 2.5 end as amount,"
              + " 'web' as channel from range(100) t(i)) to '"
              + events.resolve("clean.parquet")
              + "' (format parquet)");
      statement.execute(
          "copy (select 'bad' || i as event_id, 'c1' as customer_id, 'purchase' as event_type,"
              + " timestamp '2026-11-20 10:00:00' as event_ts,"
              + " ['nan', 'inf', '-inf', '1e28'][i + 1]::double as amount, 'web' as channel from range(4) t(i))"
              + " to '"
              + events.resolve("doubles.parquet")
              + "' (format parquet)");
      statement.execute(
          "copy (select 'text' as event_id, 'c1' as customer_id, 'purchase' as event_type,"
              + " timestamp '2026-11-20 10:00:00' as event_ts, 'a lot' as amount, 'web' as channel)"
              + " to '"
              + events.resolve("text.parquet")
              + "' (format parquet)");
    }
    Path home = dir.resolve("home");

    Cli.Outcome outcome =
        Cli.run(
            "compute",
            "--home",
            home.toString(),
            "--events",
            events.toString(),
            "--as-of",
            T.toString());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.err()).contains("105 events read, 5 quarantined");
    try (FeatureStore store = Project.openStore(home)) {
      assertThat(
              store
                  .handle()
                  .createQuery("select reason || ': ' || amount from quarantine order by event_id")
                  .mapTo(String.class)
                  .list())
          .containsExactly(
              "purchase amount is NaN: nan",
              "purchase amount is infinite: inf",
              "purchase amount is infinite: -inf",
              "purchase amount above 1,000,000,000: 1e+28",
              "purchase amount is not a number: a lot");
      // c0 bought 1e9 + 9 * 2.5, summed exactly
      assertThat(
              store
                  .handle()
                  .createQuery(
                      "select monetary_90d from features where version = :v and customer_id = 'c0'")
                  .bind("v", outcome.lastLine())
                  .mapTo(Double.class)
                  .one())
          .isEqualTo(1_000_000_022.5);
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

  @Test
  void past_the_rows_kept_the_quarantine_keeps_the_first_by_event_id() throws Exception {
    int bad = FeatureComputation.QUARANTINE_ROWS_KEPT + 10;
    Path events = Files.createDirectories(dir.resolve("events"));
    try (Connection connection = DuckDbConnections.open("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      // negative purchases, written with the largest ids first so that the file's order is not the
      // ids'
      statement.execute(
          "copy (select 'bad-' || lpad(("
              + (bad - 1)
              + " - i)::varchar, 6, '0') as event_id, 'c' || (i % 100) as customer_id,"
              + " 'purchase' as event_type, timestamp '2026-11-20 10:00:00' as event_ts, -1.0 as amount,"
              + " 'web' as channel from range("
              + bad
              + ") t(i) union all select 'good', 'c1', 'app_open', timestamp '2026-11-20 10:00:00', null,"
              + " 'web') to '"
              + events.resolve("events.parquet")
              + "' (format parquet)");
    }
    try (FeatureStore store = Project.openStore(dir.resolve("home"))) {
      FeatureComputation.Result result = computation(1.0).compute(store, events, T, 180);

      assertThat(result.staging().quarantinedByReason())
          .containsEntry("purchase with negative amount", (long) bad);
      String kept =
          store
              .handle()
              .createQuery(
                  "select count(*) || ' rows, ' || min(event_id) || ' to ' || max(event_id)"
                      + " from quarantine where version = :v")
              .bind("v", result.version())
              .mapTo(String.class)
              .one();
      assertThat(kept)
          .isEqualTo(FeatureComputation.QUARANTINE_ROWS_KEPT + " rows, bad-000000 to bad-099999");
    }
  }
}
