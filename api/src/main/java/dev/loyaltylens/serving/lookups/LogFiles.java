package dev.loyaltylens.serving.lookups;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.SqlLiteral;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The log's files: rows gathered in an in-memory DuckDB table by its Appender, then copied to a
 * Parquet file that is written beside its final name and renamed into place, so a reader lists
 * whole files only. After each file, the oldest files go until the folder is within its size. Used
 * by the writer thread alone.
 *
 * <p>A file's columns: {@code server} (the serving process), {@code kind} ({@code lookup} or {@code
 * first_served}), {@code customer_id}, {@code requested_at} (TIMESTAMP, UTC), {@code asked} ({@code
 * latest}, {@code as_of} or {@code version}), {@code asked_as_of}, {@code version} (the version
 * answered from) and {@code answer} (the vector as JSON).
 */
final class LogFiles implements AutoCloseable {

  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final Path dir;
  private final String server;
  private final long maxBytes;
  private final Connection connection;
  private DuckDBAppender appender;
  private int buffered;
  private int written;

  LogFiles(Path dir, String server, long maxBytes) {
    this.dir = dir;
    this.server = server;
    this.maxBytes = maxBytes;
    try {
      Files.createDirectories(dir);
      Properties properties = new Properties();
      properties.setProperty("threads", "1");
      properties.setProperty("memory_limit", "256MB");
      connection = DuckDbConnections.open("jdbc:duckdb:", properties);
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "create table buffer (server varchar, kind varchar, customer_id varchar,"
                + " requested_at_us bigint, asked varchar, asked_as_of_us bigint, version varchar, answer varchar)");
      }
    } catch (IOException | SQLException e) {
      throw new LoyaltyLensException(
          "could not start the lookup log in " + dir + ": " + LoyaltyLensException.firstLine(e), e);
    }
  }

  int buffered() {
    return buffered;
  }

  void append(LoggedLookup row) throws SQLException {
    if (appender == null) {
      appender =
          connection
              .unwrap(DuckDBConnection.class)
              .createAppender(DuckDBConnection.DEFAULT_SCHEMA, "buffer");
    }
    appender.beginRow().append(server).append(row.kind());
    text(row.customerId());
    appender.append(row.requestedAtMicros());
    text(row.asked());
    if (row.askedAsOfMicros() == 0) {
      appender.appendNull();
    } else {
      appender.append(row.askedAsOfMicros());
    }
    text(row.version());
    text(row.answer() == null ? null : new String(row.answer(), StandardCharsets.UTF_8));
    appender.endRow();
    buffered++;
  }

  private void text(String value) throws SQLException {
    if (value == null) {
      appender.appendNull();
    } else {
      appender.append(value);
    }
  }

  /**
   * Writes what is buffered to a new file, then keeps the folder within its size; nothing when
   * nothing is.
   */
  void flush() throws SQLException, IOException {
    if (buffered == 0) {
      return;
    }
    appender.close();
    appender = null;
    String name =
        "lookups-"
            + NAME_TIME.format(Instant.now())
            + "-"
            + server
            + "-"
            + String.format("%06d", written++);
    Path target = dir.resolve(name + ".parquet");
    Path temporary = dir.resolve("." + name + ".parquet.tmp");
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "copy (select server, kind, customer_id, make_timestamp(requested_at_us) as requested_at,"
              + " asked, make_timestamp(asked_as_of_us) as asked_as_of, version, answer from buffer)"
              + " to "
              + SqlLiteral.of(temporary)
              + " (format parquet, compression zstd)");
      statement.execute("delete from buffer");
    }
    buffered = 0;
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    keepWithinSize();
  }

  private void keepWithinSize() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> listed = Files.list(dir)) {
      listed.filter(f -> f.getFileName().toString().endsWith(".parquet")).forEach(files::add);
    }
    // Names start with the instant they were written, so that they sort oldest first whatever
    // process wrote them.
    files.sort(Comparator.comparing(f -> f.getFileName().toString()));
    long total = 0;
    for (Path file : files) {
      total += Files.size(file);
    }
    for (int i = 0; total > maxBytes && i < files.size() - 1; i++) {
      total -= Files.size(files.get(i));
      Files.deleteIfExists(files.get(i));
    }
  }

  @Override
  public void close() throws SQLException, IOException {
    try (connection) {
      flush();
    }
  }
}
