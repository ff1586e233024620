package dev.loyaltylens.analyst;

import static dev.loyaltylens.testing.EventsFixture.T;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.compute.EventFiles;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.definitions.RunValues;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import dev.loyaltylens.testing.Project;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code render}: the statements compute runs for a feature, with the bound values listed, and
 * runnable as shown.
 */
class RenderTest {

  @TempDir Path dir;

  private static Cli.Outcome render(String... args) {
    String[] all = Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--sql=" + Project.sql();
    all[args.length + 1] = "--migrations=" + Project.migrations();
    return Cli.runRaw(all);
  }

  @Test
  void lists_the_bound_values_then_the_statements_in_run_order() {
    Cli.Outcome outcome =
        render(
            "render", "recency_days", "--as-of", "2026-11-24T00:00:00Z", "--lookback-days", "120");

    assertThat(outcome.exitCode()).isZero();
    String script = outcome.out();
    assertThat(script)
        .containsPattern("--   :as_of\\s+= 2026-11-24 00:00:00  \\(TIMESTAMP, UTC\\)")
        .containsPattern("--   :lookback_days\\s+= 120\n")
        .containsPattern("--   :frequency_window_days\\s+= 30\n")
        .contains(
            "-- 1/5 sql/staging/event_audit.sql.ftl\ncreate or replace temp table event_audit as\nwith stg_events as (")
        .contains(
            "-- 5/5 sql/features/recency_days.sql.ftl\ncreate or replace temp table recency_days as\n")
        .doesNotContain("${")
        .doesNotContain("<#");
    assertThat(script.indexOf("customer_activity as"))
        .isLessThan(script.indexOf("recency_days as"));
  }

  @Test
  void only_prints_the_feature_own_statement() {
    Cli.Outcome outcome =
        render("render", "engagement_score", "--as-of", "2026-11-24T00:00:00Z", "--only");

    assertThat(outcome.out())
        .contains("-- The statement compute runs for engagement_score.")
        .containsPattern("--   :recency_weight\\s+= 0.30\n")
        .doesNotContain("event_audit")
        .doesNotContain(":as_of");
  }

  @Test
  void the_rendered_statements_run_as_shown_and_compute_the_feature() throws Exception {
    Path events =
        new EventsFixture()
            .event("ann", "purchase", ofDays(1).plus(ofHours(2)), 10.0, "web")
            .event("ben", "app_open", ofDays(5), null, "in-store")
            .writeTo(dir.resolve("events"));
    String script =
        render("render", "recency_days", "--as-of", T.toString(), "--events", events.toString())
            .out();
    assertThat(script)
        .contains(":event_files")
        .contains("['" + events.toAbsolutePath() + "/events.parquet']");

    Map<String, Object> binds =
        new RunValues(T, 180, EventFiles.scan(events).patterns())
            .binds(DefinitionSet.load(Project.sql()).ordered());
    try (Handle handle = Jdbi.create("jdbc:duckdb:").open()) {
      handle.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
      for (String statement : statements(script)) {
        var update = handle.createUpdate(statement);
        binds.forEach(update::bind);
        update.execute();
      }
      assertThat(
              handle
                  .createQuery("select customer_id, recency_days from recency_days order by 1")
                  .map((rs, ctx) -> rs.getString(1) + "=" + rs.getInt(2))
                  .list())
          .containsExactly("ann=1", "ben=5");
    }
  }

  @Test
  void an_unknown_feature_is_one_line_and_exit_one() {
    Cli.Outcome outcome = render("render", "recency_dayz", "--as-of", "2026-11-24T00:00:00Z");

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.err().strip().lines())
        .singleElement()
        .asString()
        .startsWith(
            "error: no template named `recency_dayz`: expected sql/features/recency_dayz.sql.ftl");
  }

  private static List<String> statements(String script) {
    return Arrays.stream(script.split(";\n"))
        .map(
            part ->
                part.lines()
                    .filter(line -> !line.startsWith("-- "))
                    .reduce("", (a, b) -> a + b + "\n")
                    .strip())
        .filter(part -> !part.isEmpty())
        .toList();
  }
}
