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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An events folder is a path, not a pattern: whatever characters its path holds (DuckDB's glob
 * characters, quotes, spaces, commas), exactly the Parquet files under it are read, by compute,
 * preview and reproduce alike.
 */
class EventFilesTest {

  @TempDir Path dir;

  /** Writes {@code events} app opens of {@code customer} in the week before T to {@code file}. */
  private static void write(Path file, String customer, int events) throws Exception {
    Files.createDirectories(file.getParent());
    try (Connection connection = DuckDbConnections.open("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "copy (select '"
              + customer
              + "-' || i as event_id, '"
              + customer
              + "' as customer_id, 'app_open' as"
              + " event_type, timestamp '2026-11-23 12:00:00' - to_days(i) as event_ts, cast(null as double) as"
              + " amount, 'web' as channel from range("
              + events
              + ") t(i)) to '"
              + file.toString().replace("'", "''")
              + "' (format parquet)");
    }
  }

  private static List<String> customers(Path home, String version) {
    try (FeatureStore store = Project.openStore(home)) {
      return store
          .handle()
          .createQuery("select customer_id from features where version = :v order by 1")
          .bind("v", version)
          .mapTo(String.class)
          .list();
    }
  }

  @Test
  void an_events_folder_named_like_a_glob_is_read_as_that_folder_only() throws Exception {
    write(dir.resolve("ev/x1/part-0.parquet"), "one", 3);
    Path events = dir.resolve("ev/x[12]");
    write(events.resolve("part-0.parquet"), "two", 2);
    Path home = dir.resolve("home");

    Cli.Outcome computed =
        Cli.run(
            "compute",
            "--home",
            home.toString(),
            "--events",
            events.toString(),
            "--as-of",
            T.toString());

    assertThat(computed.exitCode()).as(computed.err()).isZero();
    assertThat(computed.err()).contains("2 events read");
    String version = computed.lastLine();
    assertThat(customers(home, version)).containsExactly("two");

    Cli.Outcome preview =
        Cli.run("preview", "recency_days", "--events", events.toString(), "--as-of", T.toString());
    assertThat(preview.exitCode()).as(preview.err()).isZero();
    assertThat(preview.out()).contains("two").doesNotContain("one").contains("(1 of 1 customers");

    assertThat(Cli.run("validate", "--home", home.toString(), "--version", version).exitCode())
        .isZero();
    assertThat(Cli.run("publish", "--home", home.toString(), "--version", version).exitCode())
        .isZero();
    Cli.Outcome reproduced = Cli.run("reproduce", "--home", home.toString(), "--version", version);
    assertThat(reproduced.exitCode()).as(reproduced.out()).isZero();
    assertThat(reproduced.out()).contains("reproduced " + version + " exactly: 1 rows");
  }

  @Test
  void glob_characters_quotes_spaces_and_commas_in_paths_are_read_exactly() throws Exception {
    Path events = dir.resolve("ev/a[ab]*? it's, \"quoted\"");
    write(events.resolve("p[1].parquet"), "bracketed", 1);
    write(events.resolve("p1.parquet"), "plain", 2);
    write(events.resolve("nested/*.parquet"), "starred", 3);
    write(events.resolve("nested/what?.parquet"), "questioned", 4);
    // a sibling that the folder's name matches as a glob, and a file that p[1] matches
    write(dir.resolve("ev/ab12/part-0.parquet"), "decoy", 5);
    write(events.resolve("nested/what1.parquet").resolveSibling("ignored.txt"), "ignored", 1);
    Path home = dir.resolve("home");

    Cli.Outcome computed =
        Cli.run(
            "compute",
            "--home",
            home.toString(),
            "--events",
            events.toString(),
            "--as-of",
            T.toString());

    assertThat(computed.exitCode()).as(computed.err()).isZero();
    assertThat(computed.err()).contains("10 events read");
    assertThat(customers(home, computed.lastLine()))
        .containsExactly("bracketed", "plain", "questioned", "starred");
  }

  @Test
  void a_path_with_a_backslash_and_a_glob_character_is_refused_naming_it() throws Exception {
    Path events = dir.resolve("ev/back\\slash[1]");
    write(events.resolve("part-0.parquet"), "one", 1);

    Cli.Outcome computed =
        Cli.run(
            "compute",
            "--home",
            dir.resolve("home").toString(),
            "--events",
            events.toString(),
            "--as-of",
            T.toString());

    assertThat(computed.exitCode()).isEqualTo(1);
    assertThat(computed.err().strip())
        .isEqualTo(
            "error: file "
                + events.resolve("part-0.parquet")
                + " has a backslash and one of *, ? or [ in its"
                + " path, which DuckDB cannot read as one file: rename the file or its folder");
  }
}
