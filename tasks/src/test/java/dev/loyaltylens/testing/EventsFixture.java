package dev.loyaltylens.testing;

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

/**
 * Hand-made events written to a real Parquet file, so that tests read what users' files look like.
 */
public final class EventsFixture {

  /** The as-of instant the golden sets are worked out against. */
  public static final Instant T = Instant.parse("2026-11-24T00:00:00Z");

  private record Row(
      String eventId, String customerId, String type, Instant ts, Double amount, String channel) {}

  private final List<Row> rows = new ArrayList<>();
  private int next;

  public EventsFixture event(
      String customer, String type, Duration beforeT, Double amount, String channel) {
    return eventWithId("e" + next++, customer, type, T.minus(beforeT), amount, channel);
  }

  public EventsFixture eventAt(
      String customer, String type, Instant ts, Double amount, String channel) {
    return eventWithId("e" + next++, customer, type, ts, amount, channel);
  }

  public EventsFixture eventWithId(
      String id, String customer, String type, Instant ts, Double amount, String channel) {
    rows.add(new Row(id, customer, type, ts, amount, channel));
    return this;
  }

  /** Writes the rows to {@code dir/events.parquet} and returns the folder. */
  public Path writeTo(Path dir) throws Exception {
    Files.createDirectories(dir);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
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
      statement.execute("copy events to '" + dir.resolve("events.parquet") + "' (format parquet)");
    }
    return dir;
  }

  /**
   * Writes {@code customers} customers with {@code eventsEach} plain events each in the 30 days
   * before T: a set big enough for share-based checks to be exact (1,000 customers: one customer is
   * 0.1%).
   */
  public static Path manyCustomers(Path dir, int customers, int eventsEach) throws Exception {
    Files.createDirectories(dir);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "copy (select 'e' || c || '-' || i as event_id, 'customer-' || lpad(c::varchar, 5, '0') as customer_id,"
              + " case i % 4 when 0 then 'purchase' when 1 then 'app_open' when 2 then 'offer_view' else 'redeem' end"
              + " as event_type, timestamp '2026-11-24' - to_hours(1 + i * 24 + c % 24) as event_ts,"
              + " case i % 4 when 0 then 5.0 + c % 10 end as amount,"
              + " case c % 3 when 0 then 'mobile' when 1 then 'web' else 'in-store' end as channel"
              + " from range("
              + customers
              + ") a(c), range("
              + eventsEach
              + ") b(i))"
              + " to '"
              + dir.resolve("events.parquet")
              + "' (format parquet)");
    }
    return dir;
  }
}
