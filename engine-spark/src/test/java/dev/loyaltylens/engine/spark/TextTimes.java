package dev.loyaltylens.engine.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

/**
 * Events whose times and amounts are text, as a CSV export turned into Parquet holds them: times
 * with an offset and without, amounts that are numbers and one that is not.
 */
final class TextTimes {

  record Row(
      String eventId,
      String customerId,
      String eventType,
      String time,
      String amount,
      String channel) {

    /** An app open, without an amount. */
    Row(String eventId, String customerId, String time, String channel) {
      this(eventId, customerId, "app_open", time, null, channel);
    }
  }

  private TextTimes() {}

  static void write(Path file, List<Row> rows) throws Exception {
    Files.createDirectories(file.getParent());
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "create table events (event_id varchar, customer_id varchar, event_type varchar,"
              + " event_ts varchar, amount varchar, channel varchar)");
      try (PreparedStatement insert =
          connection.prepareStatement("insert into events values (?, ?, ?, ?, ?, ?)")) {
        for (Row row : rows) {
          insert.setString(1, row.eventId());
          insert.setString(2, row.customerId());
          insert.setString(3, row.eventType());
          insert.setString(4, row.time());
          insert.setString(5, row.amount());
          insert.setString(6, row.channel());
          insert.addBatch();
        }
        insert.executeBatch();
      }
      statement.execute("copy events to '" + file + "' (format parquet)");
    }
  }
}
