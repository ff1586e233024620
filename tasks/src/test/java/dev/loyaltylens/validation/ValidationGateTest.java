package dev.loyaltylens.validation;

import static dev.loyaltylens.testing.EventsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyaltylens.compute.FeatureComputation;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.publishing.Publisher;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.store.VersionStatus;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import dev.loyaltylens.testing.Project;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate on 1,000 customers, where one customer is 0.1% of the rows; a failing run never changes
 * latest.
 */
class ValidationGateTest {

  @TempDir Path dir;
  private final DefinitionSet definitions = DefinitionSet.load(Project.sql());
  private Path events;
  private String published;

  @BeforeEach
  void publishAFirstVersion() throws Exception {
    events = EventsFixture.manyCustomers(dir.resolve("events"), 1000, 4);
    try (FeatureStore store = Project.openStore(dir.resolve("home"))) {
      published = compute(store, T);
      new ValidationGate(definitions, GateSettings.defaults()).validate(store, published);
      Publisher.publish(store, published);
    }
  }

  private String compute(FeatureStore store, java.time.Instant asOf) {
    return new FeatureComputation(definitions, Project.migrations(), 0.05, line -> {})
        .compute(store, events, asOf, 180)
        .version();
  }

  private void corrupt(FeatureStore store, String version, String set, int customers) {
    store
        .handle()
        .createUpdate(
            "update features set "
                + set
                + " where version = :v and customer_id in"
                + " (select customer_id from features where version = :v order by customer_id limit "
                + customers
                + ")")
        .bind("v", version)
        .execute();
  }

  @Test
  void a_version_with_no_rows_fails_the_gate_with_its_own_message_and_cannot_be_published() {
    String home = dir.resolve("home").toString();
    Cli.Outcome computed =
        Cli.run(
            "compute",
            "--home",
            home,
            "--events",
            events.toString(),
            "--as-of",
            "2020-01-01T00:00:00Z");
    assertThat(computed.exitCode()).as(computed.err()).isZero();
    String empty = computed.lastLine();
    assertThat(computed.err())
        .contains("compute: " + empty + " has 0 rows")
        .contains(
            "compute: warning: no event of "
                + events
                + " falls in the 180 days before 2020-01-01T00:00:00Z");

    Cli.Outcome validated = Cli.run("validate", "--home", home, "--version", empty);

    assertThat(validated.exitCode()).isEqualTo(1);
    assertThat(validated.err()).doesNotContain("Exception");
    assertThat(validated.err().lines().filter(line -> line.startsWith("error: ")))
        .containsExactly(
            "error: version "
                + empty
                + " failed validation: version "
                + empty
                + " has no feature"
                + " rows: check the events' dates against --as-of (and 1 more: see `versions --home`)");

    Cli.Outcome publishing = Cli.run("publish", "--home", home, "--version", empty);

    assertThat(publishing.exitCode()).isEqualTo(1);
    assertThat(publishing.err().strip())
        .isEqualTo(
            "error: version "
                + empty
                + " failed validation (version "
                + empty
                + " has no feature rows: check the events' dates against --as-of): it cannot be published; fix its input"
                + " and compute it again");
    assertThat(PublishedManifest.read(new StoreHome(dir.resolve("home"))).orElseThrow().latest())
        .isEqualTo(published);
  }

  @Test
  void null_rate_above_five_percent_fails_naming_column_figure_and_threshold() {
    try (FeatureStore store = Project.openStore(dir.resolve("home"))) {
      String candidate = compute(store, T.plus(Duration.ofHours(1)));
      corrupt(store, candidate, "monetary_90d = null", 51);

      assertThatThrownBy(
              () ->
                  new ValidationGate(definitions, GateSettings.defaults())
                      .validate(store, candidate))
          .isInstanceOf(ValidationFailedException.class)
          .hasMessageContaining("feature `monetary_90d` has 5.1% nulls, threshold 5%")
          .hasMessageContaining("sql/features/monetary_90d.sql.ftl");
      assertThat(store.registry().require(candidate).status()).isEqualTo(VersionStatus.FAILED);
      assertThat(store.registry().latestPublished())
          .map(VersionRecord::version)
          .contains(published);
    }
  }

  @Test
  void null_rate_of_exactly_five_percent_passes_the_null_check() {
    try (FeatureStore store = Project.openStore(dir.resolve("home"))) {
      String candidate = compute(store, T.plus(Duration.ofHours(1)));
      corrupt(store, candidate, "channel_preference = null", 50);

      // a rise from 0% to 5% nulls is drift too; with no drift threshold this looks at the fixed
      // checks alone
      GateSettings noDrift =
          new GateSettings(0.05, 0.5, new DriftThresholds(1, 1, 1, 1, 1, 1), java.util.Map.of());
      ValidationGate.Outcome outcome =
          new ValidationGate(definitions, noDrift)
              .evaluate(store, store.registry().require(candidate));
      assertThat(outcome.failures())
          .extracting(CheckResult::check)
          .containsExactly(
              "not_null"); // the header's not_null fails, the 5% null-rate check does not
    }
  }

  @Test
  void engagement_score_above_one_fails_its_range_check() {
    try (FeatureStore store = Project.openStore(dir.resolve("home"))) {
      String candidate = compute(store, T.plus(Duration.ofHours(1)));
      corrupt(store, candidate, "engagement_score = 1.01", 1);

      assertThatThrownBy(
              () ->
                  new ValidationGate(definitions, GateSettings.defaults())
                      .validate(store, candidate))
          .hasMessageContaining("feature `engagement_score` has 1 values outside [0, 1]")
          .hasMessageContaining("max 1.01");
    }
  }

  @Test
  void a_failing_run_leaves_the_previous_version_serving_and_keeps_its_report() {
    try (FeatureStore store = Project.openStore(dir.resolve("home"))) {
      String candidate = compute(store, T.plus(Duration.ofHours(1)));
      corrupt(store, candidate, "engagement_score = 1.01", 1);
      assertThatThrownBy(
          () ->
              new ValidationGate(definitions, GateSettings.defaults()).validate(store, candidate));
      assertThatThrownBy(() -> Publisher.publish(store, candidate))
          .hasMessageContaining(
              "failed validation (feature `engagement_score` has 1 values outside [0, 1]");

      assertThat(store.registry().require(candidate).validationReport())
          .contains("\"passed\":false");
      assertThat(PublishedManifest.read(new StoreHome(dir.resolve("home"))).orElseThrow().latest())
          .isEqualTo(published);
      assertThat(
              store
                  .handle()
                  .createQuery("select count(*) from validation_runs where version = :v")
                  .bind("v", candidate)
                  .mapTo(Integer.class)
                  .one())
          .isEqualTo(1);
    }
  }

  @Test
  void a_row_count_far_from_the_previous_version_fails() {
    try (FeatureStore store = Project.openStore(dir.resolve("home"))) {
      String candidate = compute(store, T.plus(Duration.ofHours(1)));
      store
          .handle()
          .createUpdate("update feature_registry set row_count = 400 where version = :v")
          .bind("v", candidate)
          .execute();

      assertThatThrownBy(
              () ->
                  new ValidationGate(definitions, GateSettings.defaults())
                      .validate(store, candidate))
          .hasMessageContaining("60% away from the 1000 of " + published)
          .hasMessageContaining("threshold 50%");
    }
  }
}
