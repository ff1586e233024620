package dev.loyaltylens.engine.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-made events written by DuckDB to a real Parquet file, typed as SPEC section 1 says. */
final class Events {

  /** The as-of instant the test sets are built around. */
  static final Instant T = Instant.parse("2026-11-24T00:00:00Z");

  private record Row(
      String eventId, String customerId, String type, Instant ts, Double amount, String channel) {}

  private final List<Row> rows = new ArrayList<>();
  private final String idPrefix;
  private int next;

  /**
   * Events whose generated ids start with {@code idPrefix}, so that two sets never share an id by
   * chance.
   */
  Events(String idPrefix) {
    this.idPrefix = idPrefix;
  }

  Events() {
    this("e");
  }

  Events event(String customer, String type, Duration beforeT, Double amount, String channel) {
    return eventWithId(idPrefix + next++, customer, type, T.minus(beforeT), amount, channel);
  }

  Events eventWithId(
      String id, String customer, String type, Instant ts, Double amount, String channel) {
    rows.add(new Row(id, customer, type, ts, amount, channel));
    return this;
  }

  /** Writes the rows to {@code dir/NAME.parquet} and returns the file. */
  Path writeTo(Path dir, String name) throws Exception {
    Files.createDirectories(dir);
    Path file = dir.resolve(name + ".parquet");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("set TimeZone = 'UTC'");
      statement.execute(
          "create table events (event_id varchar, customer_id varchar, event_type varchar, event_ts timestamp,"
              + " amount double, channel varchar)");
      try (PreparedStatement insert =
          connection.prepareStatement("insert into events values (?, ?, ?, ?, ?, ?)")) {
        for (Row row : rows) {
          insert.setString(1, row.eventId());
          insert.setString(2, row.customerId());
          insert.setString(3, row.type());
          insert.setTimestamp(4, row.ts() == null ? null : Timestamp.from(row.ts()));
          insert.setObject(5, row.amount());
          insert.setString(6, row.channel());
          insert.addBatch();
        }
        insert.executeBatch();
      }
      statement.execute("copy events to '" + file + "' (format parquet)");
    }
    return file;
  }
}
