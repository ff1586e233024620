package dev.loyaltylens.compute;

import static dev.loyaltylens.testing.EventsFixture.T;
import static java.time.Duration.ofDays;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import dev.loyaltylens.testing.FileTrees;
import dev.loyaltylens.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ephemeral model with a pass-through reads as its input exactly when the relation it names is
 * empty, and as its own query otherwise.
 */
class PassThroughTest {

  @TempDir Path dir;

  /** The line of clean_events that keeps the events whose id the audit does not flag. */
  private static final String KEPT_UNIQUE_EVENTS = "    select * from unique_events\n";

  /**
   * Copies the project's templates to {@code sql} with that line of clean_events replaced; returns
   * clean_events as it was.
   */
  private static String withCleanEventsKeeping(Path sql, String replacement) throws IOException {
    FileTrees.copy(Project.sql(), sql);
    Path template = sql.resolve("staging/clean_events.sql.ftl");
    String source = Files.readString(template);
    assertThat(source).contains(KEPT_UNIQUE_EVENTS);
    Files.writeString(template, source.replace(KEPT_UNIQUE_EVENTS, replacement));
    return source;
  }

  @Test
  void clean_events_reads_the_events_as_they_are_only_when_no_id_is_flagged() throws Exception {
    // clean_events' own query, made to keep no event: a feature that sees events was computed
    // from the pass-through
    Path sql = dir.resolve("sql");
    withCleanEventsKeeping(sql, "    select * from unique_events where false\n");

    EventsFixture clean = new EventsFixture();
    clean
        .event("ann", "app_open", ofDays(1), null, "web")
        .event("ben", "purchase", ofDays(2), 4.5, "mobile");
    EventsFixture flagged = new EventsFixture();
    flagged
        .event("ann", "app_open", ofDays(1), null, "web")
        .event("ben", "purchase", ofDays(2), 4.5, "mobile")
        .event("cat", "teleport", ofDays(1), null, "web");

    assertThat(customers(sql, clean.writeTo(dir.resolve("clean")), "clean-home"))
        .containsExactly("ann", "ben");
    assertThat(customers(sql, flagged.writeTo(dir.resolve("flagged")), "flagged-home")).isEmpty();
  }

  @Test
  void passing_through_gives_the_vectors_of_the_full_query_on_generated_events() throws Exception {
    Path events = dir.resolve("generated");
    Cli.Outcome generated =
        Cli.runRaw(
            "generate",
            "--events",
            "20000",
            "--customers",
            "2000",
            "--seed",
            "9",
            "--as-of",
            T.toString(),
            "--out",
            events.toString());
    assertThat(generated.exitCode()).as(generated.err()).isZero();
    Path sql = FileTrees.copy(Project.sql(), dir.resolve("sql-without"));
    Path template = sql.resolve("staging/clean_events.sql.ftl");
    String header = "pass_through: stg_events\npass_through_when_empty: event_audit\n";
    assertThat(Files.readString(template)).contains(header);
    Files.writeString(template, Files.readString(template).replace(header, ""));

    assertThat(vectors(sql, events, "without-home"))
        .hasSize(2000)
        .isEqualTo(vectors(Project.sql(), events, "with-home"));
  }

  @Test
  void a_mistake_in_a_model_that_passes_through_is_named_at_its_template_line() throws Exception {
    Path sql = dir.resolve("sql-broken");
    String source = withCleanEventsKeeping(sql, "    select no_such_column from unique_events\n");
    int line =
        1
            + (int)
                source
                    .substring(0, source.indexOf(KEPT_UNIQUE_EVENTS))
                    .chars()
                    .filter(c -> c == '\n')
                    .count();
    Path events =
        new EventsFixture()
            .event("ann", "app_open", ofDays(1), null, "web")
            .writeTo(dir.resolve("e"));

    Cli.Outcome outcome =
        Cli.runRaw(
            "compute",
            "--home",
            dir.resolve("broken-home").toString(),
            "--events",
            events.toString(),
            "--as-of",
            T.toString(),
            "--sql",
            sql.toString(),
            "--migrations",
            Project.migrations().toString());

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.err())
        .contains(
            "\nerror: sql/staging/clean_events.sql.ftl:" + line + ":12: DuckDB: Binder Error:")
        .doesNotContain("\tat ");
  }

  /** Every feature value of the version computed, one text per customer, in customer order. */
  private List<String> vectors(Path sql, Path events, String home) {
    return perCustomer(
        sql,
        events,
        home,
        "concat_ws('|', customer_id, recency_days, frequency_30d, monetary_90d,"
            + " offer_redemption_rate, channel_preference, engagement_score)");
  }

  private List<String> customers(Path sql, Path events, String home) {
    return perCustomer(sql, events, home, "customer_id");
  }

  /** An expression over the features of the version computed, per customer in customer order. */
  private List<String> perCustomer(Path sql, Path events, String home, String expression) {
    try (FeatureStore store = Project.openStore(dir.resolve(home))) {
      FeatureComputation.Result result =
          new FeatureComputation(DefinitionSet.load(sql), Project.migrations(), 0.5, line -> {})
              .compute(store, events, T, 180);
      return store
          .handle()
          .createQuery(
              "select " + expression + " from features where version = :v order by customer_id")
          .bind("v", result.version())
          .mapTo(String.class)
          .list();
    }
  }
}
