package dev.loyaltylens.cli;

import static dev.loyaltylens.testing.EventsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never crashes with a stack trace: one line, a non-zero exit, and the published version
 * keeps serving.
 */
class BadInputTest {

  @TempDir Path dir;
  private String home;
  private String published;

  @BeforeEach
  void publishAVersion() throws Exception {
    home = dir.resolve("home").toString();
    Path events = EventsFixture.manyCustomers(dir.resolve("good"), 50, 2);
    published =
        Cli.run("compute", "--home", home, "--events", events.toString(), "--as-of", T.toString())
            .lastLine();
    assertThat(Cli.run("validate", "--home", home, "--version", published).exitCode()).isZero();
    assertThat(Cli.run("publish", "--home", home, "--version", published).exitCode()).isZero();
  }

  private void assertOneLineFailure(Cli.Outcome outcome, int exitCode, String message) {
    assertThat(outcome.exitCode()).isEqualTo(exitCode);
    assertThat(outcome.err()).contains(message).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(outcome.err().lines().filter(line -> line.startsWith("error: "))).hasSize(1);
    assertThat(PublishedManifest.read(new StoreHome(Path.of(home))).orElseThrow().latest())
        .isEqualTo(published);
  }

  private Cli.Outcome compute(Path events, String asOf) {
    return Cli.run("compute", "--home", home, "--events", events.toString(), "--as-of", asOf);
  }

  @Test
  void a_missing_events_folder_is_named() {
    assertOneLineFailure(compute(dir.resolve("nowhere"), T.toString()), 1, "events folder");
  }

  @Test
  void a_corrupt_parquet_file_is_named() throws Exception {
    Path events = Files.createDirectories(dir.resolve("corrupt"));
    Files.write(
        events.resolve("part-0.parquet"), new byte[] {'P', 'A', 'R', '1', 0, 1, 2, 3, 4, 5});
    assertOneLineFailure(
        compute(events, T.toString()), 1, "part-0.parquet is not a readable Parquet file");
  }

  @Test
  void a_parquet_file_damaged_past_its_footer_is_named() throws Exception {
    Path events = Files.createDirectories(dir.resolve("damaged"));
    Files.copy(dir.resolve("good/events.parquet"), events.resolve("part-0.parquet"));
    Path damaged = events.resolve("part-1.parquet");
    try (var connection = DriverManager.getConnection("jdbc:duckdb:");
        var statement = connection.createStatement()) {
      statement.execute(
          "copy (select 'e' || i as event_id, 'c' || (i % 1000) as customer_id, 'app_open' as event_type,"
              + " timestamp '2026-11-20' - to_seconds(i) as event_ts, cast(null as double) as amount, 'web' as channel"
              + " from range(200000) t(i)) to '"
              + damaged
              + "' (format parquet, compression zstd)");
    }
    // zeros over the middle third: the footer, which the input check reads, stays whole
    try (var file = new java.io.RandomAccessFile(damaged.toFile(), "rw")) {
      long size = file.length();
      file.seek(size / 3);
      file.write(new byte[(int) (size / 3)]);
    }

    Cli.Outcome outcome = compute(events, T.toString());

    // DuckDB's own words may name a Thrift exception, so this checks the one line without
    // assertOneLineFailure
    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.err().strip())
        .startsWith("error: events file " + damaged + " is damaged: its data cannot be read (")
        .endsWith("): replace or remove it")
        .doesNotContain("\tat ");
  }

  @Test
  void a_missing_column_is_named() throws Exception {
    Path events = Files.createDirectories(dir.resolve("no-amount"));
    try (var connection = DriverManager.getConnection("jdbc:duckdb:");
        var statement = connection.createStatement()) {
      statement.execute(
          "copy (select 'e1' as event_id, 'c1' as customer_id, 'app_open' as event_type,"
              + " timestamp '2026-11-20' as event_ts, 'web' as channel) to '"
              + events.resolve("e.parquet")
              + "'");
    }
    assertOneLineFailure(compute(events, T.toString()), 1, "has no column `amount`");
  }

  @Test
  void an_unknown_as_of_format_is_a_usage_error() {
    Cli.Outcome outcome = compute(dir.resolve("good"), "24/11/2026");
    assertOneLineFailure(
        outcome,
        2,
        "Invalid value for option '--as-of': `24/11/2026` is not an ISO-8601 instant: write it like 2026-11-24T00:00:00Z");
  }

  @Test
  void a_numeric_option_outside_its_range_is_a_usage_error_naming_the_option() {
    String events = dir.resolve("good").toString();
    String out = dir.resolve("generated").toString();
    String[][] usages = {
      {"--events", "generate", "--events", "-5", "--out", out},
      {
        "--customers (20) must not exceed --events (10)",
        "generate",
        "--events",
        "10",
        "--customers",
        "20",
        "--out",
        out
      },
      {"--days", "pipeline", "--home", home, "--days", "0"},
      {
        "--customers (9) must not exceed --events (5)",
        "pipeline",
        "--home",
        home,
        "--events",
        "5",
        "--customers",
        "9"
      },
      {
        "--lookback-days",
        "compute",
        "--home",
        home,
        "--events",
        events,
        "--as-of",
        T.toString(),
        "--lookback-days",
        "0"
      },
      {
        "--max-quarantined-share",
        "compute",
        "--home",
        home,
        "--events",
        events,
        "--as-of",
        T.toString(),
        "--max-quarantined-share",
        "NaN"
      },
      {
        "--max-null-rate",
        "validate",
        "--home",
        home,
        "--version",
        published,
        "--max-null-rate",
        "NaN"
      },
      {
        "--max-row-change",
        "validate",
        "--home",
        home,
        "--version",
        published,
        "--max-row-change",
        "-0.5"
      },
      {
        "--max-row-change",
        "validate",
        "--home",
        home,
        "--version",
        published,
        "--max-row-change",
        "Infinity"
      },
      {
        "--limit",
        "preview",
        "recency_days",
        "--events",
        events,
        "--as-of",
        T.toString(),
        "--limit",
        "0"
      },
      {
        "--lookback-days",
        "render",
        "recency_days",
        "--as-of",
        T.toString(),
        "--lookback-days",
        "36501"
      },
      {"--keep", "gc", "--home", home, "--keep", "0"},
      {
        "--as-of", "compute", "--home", home, "--events", events, "--as-of", "-0001-01-01T00:00:00Z"
      },
      {
        "--as-of",
        "compute",
        "--home",
        home,
        "--events",
        events,
        "--as-of",
        "+10000-01-01T00:00:00Z"
      },
    };
    for (String[] usage : usages) {
      String[] args = java.util.Arrays.copyOfRange(usage, 1, usage.length);
      // generate reads no templates, so it takes no --sql or --migrations
      Cli.Outcome outcome = args[0].equals("generate") ? Cli.runRaw(args) : Cli.run(args);
      assertOneLineFailure(outcome, 2, usage[0]);
    }
    Cli.Outcome memory =
        Cli.runRaw(
            "versions",
            "--home",
            home,
            "--memory-limit",
            "lots",
            "--sql",
            dev.loyaltylens.testing.Project.sql().toString(),
            "--migrations",
            dev.loyaltylens.testing.Project.migrations().toString());
    assertOneLineFailure(
        memory,
        2,
        "Invalid value for option '--memory-limit': memory limit `lots` is not a DuckDB size");
    assertThat(
            Cli.run("versions", "--home", home).out().lines().filter(line -> line.startsWith("v")))
        .hasSize(1);
  }

  @Test
  void an_unknown_version_is_named() {
    assertOneLineFailure(
        Cli.run("publish", "--home", home, "--version", "v-nope"),
        1,
        "version `v-nope` is not in the registry");
  }

  @Test
  void verbose_shows_the_stack_trace_when_asked() {
    Cli.Outcome outcome = Cli.run("publish", "--home", home, "--version", "v-nope", "--verbose");
    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.err()).contains("\tat ");
  }
}
