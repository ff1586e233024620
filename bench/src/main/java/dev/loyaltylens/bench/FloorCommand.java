package dev.loyaltylens.bench;

import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.SqlLiteral;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench floor}: the least any compute must do with an events folder, timed with the engine
 * and settings compute uses, so that compute's time can be read as a ratio that stands on its own
 * on a noisy machine.
 */
@Command(
    name = "floor",
    mixinStandardHelpOptions = true,
    description =
        "Time the floor of a compute on an events folder with compute's DuckDB settings: one grouped"
            + " pass over every event written to Parquet, and a repeated-id check over every event.")
final class FloorCommand implements Callable<Integer> {

  @Option(
      names = "--events",
      required = true,
      description = "Folder of event Parquet files (DIR/**/*.parquet).")
  Path events;

  @Option(
      names = "--work",
      required = true,
      description =
          "Scratch folder: DuckDB spills and the Parquet output"
              + " go here, and it is emptied afterwards.")
  Path work;

  @Option(
      names = "--memory-limit",
      defaultValue = "4GB",
      description = "DuckDB memory_limit (default: ${DEFAULT-VALUE}).")
  String memoryLimit;

  @Override
  public Integer call() throws SQLException, IOException {
    String files =
        "read_parquet(" + EventsFolder.filesLiteral(events) + ", hive_partitioning = false)";
    Files.createDirectories(work);
    Properties properties = new Properties();
    properties.setProperty("memory_limit", memoryLimit);
    properties.setProperty("threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
    properties.setProperty("temp_directory", work.resolve("spill").toString());
    properties.setProperty("preserve_insertion_order", "false");
    Path grouped = work.resolve("floor-grouped.parquet");
    double total = 0;
    try (Connection connection = DuckDbConnections.open("jdbc:duckdb:", properties);
        Statement statement = connection.createStatement()) {
      total +=
          timed(
              "grouped pass to Parquet",
              statement,
              "copy (select customer_id, count(*) as events, max(event_ts) as last_event_at, sum(amount) as amount,"
                  + " count(*) filter (where event_type = 'redeem') as redeems from "
                  + files
                  + " group by customer_id) to "
                  + SqlLiteral.of(grouped)
                  + " (format parquet)");
      total +=
          timed(
              "repeated-id check",
              statement,
              "select count(*) from (select event_id from "
                  + files
                  + " group by event_id having count(*) > 1)");
    } finally {
      Files.deleteIfExists(grouped);
      deleteTree(work.resolve("spill"));
    }
    System.out.printf(Locale.ROOT, "floor: total %.1f s%n", total);
    return 0;
  }

  private static double timed(String name, Statement statement, String sql) throws SQLException {
    long started = System.nanoTime();
    try (ResultSet ignored = statement.execute(sql) ? statement.getResultSet() : null) {
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(Locale.ROOT, "floor: %-24s %6.1f s%n", name, seconds);
      return seconds;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}
