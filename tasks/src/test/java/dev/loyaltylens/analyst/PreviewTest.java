package dev.loyaltylens.analyst;

import static java.time.Duration.ofDays;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import dev.loyaltylens.testing.Project;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code preview}: one feature on real events, in memory, without a store. */
class PreviewTest {

  @TempDir Path dir;

  @Test
  void prints_customer_id_and_the_feature_for_the_first_customers() throws Exception {
    Path events =
        new EventsFixture()
            .event("ann", "purchase", ofDays(1), 10.0, "web")
            .event("ann", "purchase", ofDays(40), 5.0, "web")
            .event("ben", "app_open", ofDays(5), null, "mobile")
            .event("cat", "app_open", ofDays(2), null, "mobile")
            .writeTo(dir.resolve("events"));

    Cli.Outcome outcome =
        Cli.runRaw(
            "preview",
            "frequency_30d",
            "--events",
            events.toString(),
            "--as-of",
            EventsFixture.T.toString(),
            "--limit",
            "2",
            "--memory-limit",
            "512MB",
            "--sql=" + Project.sql(),
            "--migrations=" + Project.migrations());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out())
        .startsWith(
            "customer_id  frequency_30d\n"
                + "-----------  -------------\n"
                + "ann          1\n"
                + "ben          1\n"
                + "(2 of 3 customers, by customer_id; frequency_30d as of 2026-11-24T00:00:00Z from 1 files in ");
    assertThat(dir.resolve("home")).doesNotExist();
  }

  @Test
  void a_staging_model_is_refused_with_the_features_to_choose_from() {
    Cli.Outcome outcome =
        Cli.runRaw(
            "preview",
            "customer_activity",
            "--events",
            dir.toString(),
            "--as-of",
            EventsFixture.T.toString(),
            "--sql=" + Project.sql());

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.err()).contains("is a staging model").contains("recency_days");
  }
}
