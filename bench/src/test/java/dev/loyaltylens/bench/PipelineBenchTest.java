package dev.loyaltylens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.SqlLiteral;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code bench/pipeline-50m.sh} runs besides the pipeline: the floor queries and the dirtied
 * copy of events.
 */
class PipelineBenchTest {

  @TempDir Path dir;

  /**
   * 10,000 events of 100 customers, ids {@code e0} to {@code e9999}, every fourth one a purchase.
   */
  private Path events() throws Exception {
    Path events = Files.createDirectories(dir.resolve("events"));
    try (Connection duckdb = DuckDbConnections.open("jdbc:duckdb:");
        Statement statement = duckdb.createStatement()) {
      statement.execute(
          "copy (select 'e' || i as event_id, 'c' || (i % 100) as customer_id,"
              + " case when i % 4 = 0 then 'purchase' else 'app_open' end as event_type,"
              + " timestamp '2026-11-01 00:00:00' + to_minutes(i) as event_ts,"
              + " case when i % 4 = 0 then 1.5 end as amount, 'web' as channel from range(10000) t(i))"
              + " to "
              + SqlLiteral.of(events.resolve("part-0.parquet"))
              + " (format parquet)");
    }
    return events;
  }

  @Test
  void dirty_events_breaks_and_repeats_the_shares_asked() throws Exception {
    Path out = dir.resolve("dirty");
    assertThat(
            BenchMain.run(
                "dirty-events",
                "--events",
                events().toString(),
                "--out",
                out.toString(),
                "--bad-percent",
                "2",
                "--repeated-percent",
                "3"))
        .isZero();
    try (Connection duckdb = DuckDbConnections.open("jdbc:duckdb:");
        Statement statement = duckdb.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "select count(*), count(distinct event_id), count(*) filter (where channel = 'fax' or isnan(amount))"
                    + " from read_parquet("
                    + SqlLiteral.of(out + "/*.parquet")
                    + ")")) {
      rs.next();
      long rows = rs.getLong(1);
      long ids = rs.getLong(2);
      long bad = rs.getLong(3);
      assertThat(ids).isEqualTo(10_000);
      // chosen by a hash of the id: about the share asked, never exactly
      assertThat(rows - ids).isBetween(200L, 400L);
      assertThat(bad).isBetween(120L, 280L);
    }
  }

  @Test
  void dirty_events_refuses_an_existing_folder() throws Exception {
    Path events = events();
    assertThat(
            BenchMain.run(
                "dirty-events", "--events", events.toString(), "--out", events.toString()))
        .isEqualTo(1);
  }

  @Test
  void floor_times_both_queries_and_leaves_no_scratch_file() throws Exception {
    Path work = dir.resolve("work");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      assertThat(BenchMain.run("floor", "--events", events().toString(), "--work", work.toString()))
          .isZero();
    } finally {
      System.setOut(old);
    }
    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .hasSize(3)
        .anyMatch(line -> line.matches("floor: grouped pass to Parquet +[0-9.]+ s"))
        .anyMatch(line -> line.matches("floor: repeated-id check +[0-9.]+ s"))
        .anyMatch(line -> line.matches("floor: total [0-9.]+ s"));
    try (var left = Files.list(work)) {
      assertThat(left).isEmpty();
    }
  }
}
