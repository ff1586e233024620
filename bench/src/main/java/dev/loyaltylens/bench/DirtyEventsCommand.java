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
 * {@code bench dirty-events}: a copy of an events folder in which a share of the rows break a rule
 * of the events contract and another share appear twice, for timing compute on input that is not
 * clean.
 */
@Command(
    name = "dirty-events",
    mixinStandardHelpOptions = true,
    description =
        "Copy an events folder with a share of rule-breaking rows (an unknown channel, or a NaN amount"
            + " on purchases) and a share of rows repeated with the same event id, chosen by a hash of the id.")
final class DirtyEventsCommand implements Callable<Integer> {

  @Option(
      names = "--events",
      required = true,
      description = "Folder of event Parquet files (DIR/**/*.parquet).")
  Path events;

  @Option(
      names = "--out",
      required = true,
      description = "Folder to write the copy to; it must not exist.")
  Path out;

  @Option(
      names = "--bad-percent",
      defaultValue = "1",
      description =
          "Percent of rows made to break a rule" + " (whole number, default: ${DEFAULT-VALUE}).")
  int badPercent;

  @Option(
      names = "--repeated-percent",
      defaultValue = "1",
      description = "Percent of rows written twice" + " (whole number, default: ${DEFAULT-VALUE}).")
  int repeatedPercent;

  @Override
  public Integer call() throws SQLException, IOException {
    if (badPercent < 0 || repeatedPercent < 0 || badPercent + repeatedPercent > 100) {
      throw new BenchException(
          "--bad-percent and --repeated-percent must be 0 or more and add up to at most 100");
    }
    if (Files.exists(out)) {
      throw new BenchException(out + " exists: pass a new folder to --out");
    }
    Files.createDirectories(out);
    String files =
        "read_parquet(" + EventsFolder.filesLiteral(events) + ", hive_partitioning = false)";
    // The bucket of a row, 0 to 99, from its id: the bad rows come first, then the repeated ones.
    String bucket = "hash(event_id) % 100";
    String bad = bucket + " < " + badPercent;
    String repeated =
        bucket + " >= " + badPercent + " and " + bucket + " < " + (badPercent + repeatedPercent);
    Properties properties = new Properties();
    properties.setProperty("threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
    properties.setProperty("preserve_insertion_order", "false");
    try (Connection connection = DuckDbConnections.open("jdbc:duckdb:", properties);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "copy (select event_id, customer_id, event_type, event_ts,"
              + " case when "
              + bad
              + " and event_type = 'purchase' then cast('nan' as double) else amount end as amount,"
              + " case when "
              + bad
              + " and event_type <> 'purchase' then 'fax' else channel end as channel"
              + " from "
              + files
              + " union all select * from "
              + files
              + " where "
              + repeated
              + ")"
              + " to "
              + SqlLiteral.of(out)
              + " (format parquet, per_thread_output true, overwrite_or_ignore true)");
      try (ResultSet rs =
          statement.executeQuery(
              "select count(*) from read_parquet("
                  + SqlLiteral.of(out.toAbsolutePath() + "/*.parquet")
                  + ")")) {
        rs.next();
        System.err.printf(
            Locale.ROOT,
            "bench: %,d events written to %s (%d%% breaking a rule, %d%% repeated)%n",
            rs.getLong(1),
            out,
            badPercent,
            repeatedPercent);
      }
    }
    return 0;
  }
}
