package dev.loyaltylens.compute;

import static dev.loyaltylens.testing.EventsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event time is an instant, whatever the machine's time zone and whatever the column's type:
 * TIMESTAMP (UTC), TIMESTAMPTZ, or text with or without an offset (without one it is UTC).
 */
class EventTimesTest {

  /**
   * Five and a half hours ahead of UTC: enough to move events across T and across the 30- and
   * 90-day edges.
   */
  private static final String KOLKATA = "Asia/Kolkata";

  @TempDir Path dir;

  /**
   * 120 customers, each with an event in the 12 hours before T, purchases within 6 hours of T - 30
   * d and T - 90 d, and an offer view within 6 hours of T - 180 d, written with event_ts of the
   * given SQL type.
   */
  private Path eventsNearTheEdges(String name, String type) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    try (Connection connection = DuckDbConnections.open("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "copy (select 'e' || c || '-' || i as event_id, 'c' || lpad(c::varchar, 3, '0') as customer_id,"
              + " case i when 0 then 'app_open' when 3 then 'offer_view' else 'purchase' end as event_type,"
              + " cast(timestamp '2026-11-24 00:00:00' - to_days([0, 30, 90, 180][i + 1])"
              + "   + to_minutes(case i when 0 then -10 - 6 * c else 6 * c - 360 end) as "
              + type
              + ") as event_ts,"
              + " case when i in (1, 2) then 10.0 + c end as amount,"
              + " ['mobile', 'web', 'in-store'][c % 3 + 1] as channel"
              + " from range(120) a(c), range(4) b(i)) to '"
              + folder.resolve("events.parquet")
              + "' (format parquet)");
    }
    return folder;
  }

  private static List<String> featureRows(Path home, String version) {
    try (FeatureStore store = Project.openStore(home)) {
      return store
          .handle()
          .createQuery(
              "select * exclude (version, computed_at) from features where version = :v order by customer_id")
          .bind("v", version)
          .mapToMap()
          .map(Object::toString)
          .list();
    }
  }

  /** Runs the command line in a separate JVM whose operating system time zone is {@code zone}. */
  private static Cli.Outcome inTimeZone(String zone, String... args) throws Exception {
    return Cli.inChildJvm(List.of(), Map.of("TZ", zone), args);
  }

  @Test
  void timestamptz_events_give_the_same_version_and_values_in_any_machine_time_zone()
      throws Exception {
    Path events = eventsNearTheEdges("events", "timestamptz");
    Path utcHome = dir.resolve("utc");
    Path kolkataHome = dir.resolve("kolkata");

    Cli.Outcome utc =
        inTimeZone(
            "UTC",
            "compute",
            "--home",
            utcHome.toString(),
            "--events",
            events.toString(),
            "--as-of",
            T.toString());
    Cli.Outcome kolkata =
        inTimeZone(
            KOLKATA,
            "compute",
            "--home",
            kolkataHome.toString(),
            "--events",
            events.toString(),
            "--as-of",
            T.toString());

    assertThat(utc.exitCode()).as(utc.err()).isZero();
    assertThat(kolkata.exitCode()).as(kolkata.err()).isZero();
    assertThat(kolkata.lastLine()).isEqualTo(utc.lastLine());
    List<String> expected = featureRows(utcHome, utc.lastLine());
    assertThat(expected).hasSize(120);
    assertThat(featureRows(kolkataHome, kolkata.lastLine())).isEqualTo(expected);
  }

  @Test
  void a_version_computed_in_utc_reproduces_in_another_time_zone() throws Exception {
    Path events = eventsNearTheEdges("events", "timestamptz");
    String home = dir.resolve("home").toString();
    String version =
        Cli.run("compute", "--home", home, "--events", events.toString(), "--as-of", T.toString())
            .lastLine();
    assertThat(Cli.run("validate", "--home", home, "--version", version).exitCode()).isZero();
    assertThat(Cli.run("publish", "--home", home, "--version", version).exitCode()).isZero();

    Cli.Outcome reproduced = inTimeZone(KOLKATA, "reproduce", "--home", home, "--version", version);

    assertThat(reproduced.exitCode()).as(reproduced.out() + reproduced.err()).isZero();
    assertThat(reproduced.out()).contains("reproduced " + version + " exactly: 120 rows");
  }

  @Test
  void timestamp_timestamptz_and_text_event_times_give_the_same_features() throws Exception {
    Path home = dir.resolve("home");
    List<String> expected = null;
    for (String type : List.of("timestamp", "timestamptz")) {
      Path events = eventsNearTheEdges(type, type);
      String version =
          Cli.run(
                  "compute",
                  "--home",
                  home.toString(),
                  "--events",
                  events.toString(),
                  "--as-of",
                  T.toString())
              .lastLine();
      List<String> rows = featureRows(home, version);
      if (expected == null) {
        expected = rows;
      }
      assertThat(rows).as(type).isEqualTo(expected);
    }
    // The same instants as text: with an offset (five hours behind UTC), with Z, and without a zone
    // (UTC).
    Path text = Files.createDirectories(dir.resolve("text"));
    try (Connection connection = DuckDbConnections.open("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      Path source = dir.resolve("timestamp").resolve("events.parquet");
      statement.execute(
          "copy (select * replace (case cast(hash(event_id) % 3 as integer)"
              + " when 0 then strftime(event_ts - interval 5 hours, '%Y-%m-%dT%H:%M:%S') || '-05:00'"
              + " when 1 then strftime(event_ts, '%Y-%m-%dT%H:%M:%SZ')"
              + " else strftime(event_ts, '%Y-%m-%d %H:%M:%S') end as event_ts)"
              + " from read_parquet('"
              + source
              + "')) to '"
              + text.resolve("events.parquet")
              + "' (format parquet)");
      try (var rs =
          statement.executeQuery(
              "select count(*) from read_parquet('"
                  + text.resolve("events.parquet")
                  + "') where event_ts like '%-05:00'")) {
        rs.next();
        assertThat(rs.getLong(1)).isGreaterThan(100);
      }
    }
    String version =
        Cli.run(
                "compute",
                "--home",
                home.toString(),
                "--events",
                text.toString(),
                "--as-of",
                T.toString())
            .lastLine();

    assertThat(featureRows(home, version)).isEqualTo(expected);
  }

  @Test
  void a_text_that_is_not_a_timestamp_is_quarantined_with_its_text() throws Exception {
    Path events = Files.createDirectories(dir.resolve("events"));
    try (Connection connection = DuckDbConnections.open("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "copy (select 'e' || i as event_id, 'c' || i as customer_id, 'app_open' as event_type,"
              + " case when i = 7 then 'next tuesday' else '2026-11-2' || (i % 3) || 'T10:00:00Z' end as event_ts,"
              + " cast(null as double) as amount, 'web' as channel from range(100) t(i))"
              + " to '"
              + events.resolve("events.parquet")
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
    assertThat(outcome.err()).contains("100 events read, 1 quarantined");
    try (FeatureStore store = Project.openStore(home)) {
      assertThat(
              store
                  .handle()
                  .createQuery("select reason || ': ' || event_ts from quarantine")
                  .mapTo(String.class)
                  .list())
          .containsExactly("event_ts is not a timestamp: next tuesday");
    }
  }
}
