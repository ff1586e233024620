package dev.loyaltylens.engine.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

/**
 * Events whose times are text, as a CSV export turned into Parquet holds them: some with an offset,
 * some not.
 */
final class TextTimes {

  record Row(String eventId, String customerId, String time, String channel) {}

  private TextTimes() {}

  static void write(Path file, List<Row> rows) throws Exception {
    Files.createDirectories(file.getParent());
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "create table events (event_id varchar, customer_id varchar, event_type varchar,"
              + " event_ts varchar, amount double, channel varchar)");
      try (PreparedStatement insert =
          connection.prepareStatement("insert into events values (?, ?, 'app_open', ?, null, ?)")) {
        for (Row row : rows) {
          insert.setString(1, row.eventId());
          insert.setString(2, row.customerId());
          insert.setString(3, row.time());
          insert.setString(4, row.channel());
          insert.addBatch();
        }
        insert.executeBatch();
      }
      statement.execute("copy events to '" + file + "' (format parquet)");
    }
  }
}
