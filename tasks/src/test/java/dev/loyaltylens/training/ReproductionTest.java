package dev.loyaltylens.training;

import static dev.loyaltylens.testing.EventsFixture.T;
import static java.time.Duration.ofDays;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import dev.loyaltylens.testing.FileTrees;
import dev.loyaltylens.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reproduce} recomputes a published version from the events folder, as-of and lookback it
 * recorded and compares every value. ann spends 20.0 and 15.0 in the 90 days before T: monetary_90d
 * 35.0, and 36.0 once the 20.0 is rewritten as 21.0; engagement_score moves with it (0.25 * 35 /
 * 100 against 0.25 * 36 / 100).
 */
class ReproductionTest {

  @TempDir Path dir;
  private Path events;
  private String home;
  private String version;

  @BeforeEach
  void publishOneVersion() throws Exception {
    events =
        new EventsFixture()
            .eventWithId("ann-20", "ann", "purchase", T.minus(ofDays(10)), 20.0, "web")
            .eventWithId("ann-15", "ann", "purchase", T.minus(ofDays(40)), 15.0, "mobile")
            .eventWithId("ben-open", "ben", "app_open", T.minus(ofDays(5)), null, "mobile")
            .eventWithId("cat-open", "cat", "app_open", T.minus(ofDays(2)), null, "web")
            .writeTo(dir.resolve("events"));
    home = dir.resolve("home").toString();
    version =
        Cli.run("compute", "--home", home, "--events", events.toString(), "--as-of", T.toString())
            .lastLine();
    assertThat(Cli.run("validate", "--home", home, "--version", version).exitCode()).isZero();
    assertThat(Cli.run("publish", "--home", home, "--version", version).exitCode()).isZero();
  }

  @Test
  void a_published_version_reproduces_exactly_from_its_recorded_inputs() {
    Cli.Outcome outcome = Cli.run("reproduce", "--home", home, "--version", version);

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out().strip())
        .isEqualTo("reproduced " + version + " exactly: 3 rows, 6 features");
    assertThat(dir.resolve("home/tmp")).isEmptyDirectory();
    assertThat(
            Cli.run("versions", "--home", home).out().lines().filter(line -> line.startsWith("v")))
        .hasSize(1);
  }

  @Test
  void a_changed_events_file_is_reported_and_the_differing_customer_and_features_named()
      throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      Path file = events.resolve("events.parquet");
      statement.execute("create table events as select * from read_parquet('" + file + "')");
      statement.execute("update events set amount = 21.0 where event_id = 'ann-20'");
      statement.execute("copy events to '" + file + "' (format parquet)");
    }

    Cli.Outcome outcome = Cli.run("reproduce", "--home", home, "--version", version);

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.out())
        .containsPattern(
            "input files changed since "
                + version
                + " was computed: fingerprint \\w+, recorded \\w+")
        .contains(
            version
                + " does not reproduce: 1 customer differs (it has 3 rows, 6 features compared)")
        .contains("monetary_90d: 1 customer differs: ann (published 35.0, recomputed 36.0)")
        .contains("engagement_score: 1 customer differs: ann (published ")
        .doesNotContain("recency_days:")
        .doesNotContain("ben");
  }

  @Test
  void a_difference_in_the_last_bits_is_named_as_floating_point_rounding() throws Exception {
    // as a parallel sum over DOUBLE can produce: the same data, added up in another order
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "attach '" + Path.of(home, "published", version + ".duckdb") + "' as snapshot");
      statement.execute(
          "update snapshot.features set monetary_90d = 35.00000000000001 where customer_id = 'ann'");
    }

    Cli.Outcome outcome = Cli.run("reproduce", "--home", home, "--version", version);

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.out())
        .doesNotContain("input files changed")
        .contains(
            "monetary_90d: 1 customer differs: ann (published 35.00000000000001, recomputed 35.0); largest"
                + " relative difference 2.0e-16")
        .contains(
            "every difference is below 1e-09 relative: a floating-point result that depends on the order");
  }

  @Test
  void changed_templates_are_named_even_when_the_values_still_match() throws Exception {
    Path sql = dir.resolve("sql");
    FileTrees.copy(Project.sql(), sql);
    Path monetary = sql.resolve("features/monetary_90d.sql.ftl");
    Files.writeString(
        monetary, Files.readString(monetary) + "\n-- the same query, formatted differently\n");

    Cli.Outcome outcome =
        Cli.runRaw(
            "reproduce",
            "--home",
            home,
            "--version",
            version,
            "--sql=" + sql,
            "--migrations=" + Project.migrations(),
            "--memory-limit=1GB");

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out())
        .contains("SQL templates changed since " + version + " was computed")
        .contains("so it cannot be exact")
        .contains(
            "the values of "
                + version
                + " match: 3 rows, 6 features, but not as an exact reproduction");
  }

  @Test
  void a_version_that_is_not_in_the_registry_fails_in_one_line() {
    Cli.Outcome outcome =
        Cli.run("reproduce", "--home", home, "--version", "v20991231T000000Z-00000000");

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.err().strip())
        .startsWith("error: version `v20991231T000000Z-00000000` is not in the registry");
  }
}
