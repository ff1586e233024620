package dev.loyaltylens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The lookup benchmark end to end on a small table: every store holds every id looked up. */
class LookupsCommandTest {

  @TempDir Path work;

  @Test
  void prints_a_row_per_store_and_skips_redis_when_none_answers() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        new CommandLine(new LookupsCommand(new PrintStream(out, true), new PrintStream(err, true)))
            .execute(
                "--rows",
                "3000",
                "--lookups",
                "300",
                "--warmup",
                "100",
                "--redis-port",
                "" + closedPort,
                "--work",
                work.toString());

    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(0);
    assertThat(table).contains("300 random lookups of whole vectors among 3,000 customers");
    assertThat(table).containsPattern("\\| DuckDB \\(indexed, JDBC\\) \\| [0-9.]+ (µs|ms) \\|");
    assertThat(table).containsPattern("\\| SQLite \\(indexed, JDBC\\) \\| [0-9.]+ (µs|ms) \\|");
    assertThat(table).containsPattern("\\| LoyaltyLens HTTP API \\| [0-9.]+ (µs|ms) \\|");
    assertThat(table)
        .contains("| Redis (HGETALL, Jedis) | skipped: no server on port " + closedPort);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("redis-server --bind 127.0.0.1 --port " + closedPort);
    assertThat(work.resolve("home").resolve("published").resolve("manifest.json")).exists();
  }

  @Test
  void measures_a_real_redis_server_on_loopback() throws Exception {
    Path redisServer = Path.of("/usr/bin/redis-server");
    if (!"true".equals(System.getenv("CI"))) {
      Assumptions.assumeTrue(
          Files.isExecutable(redisServer), "no redis-server: apt-get install redis-server");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process redis =
        new ProcessBuilder(
                redisServer.toString(),
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--save",
                "",
                "--appendonly",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("redis.log").toFile())
            .start();
    try {
      awaitListening(port);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int code =
          new CommandLine(
                  new LookupsCommand(
                      new PrintStream(out, true),
                      new PrintStream(new ByteArrayOutputStream(), true)))
              .execute(
                  "--rows",
                  "3000",
                  "--lookups",
                  "300",
                  "--warmup",
                  "100",
                  "--redis-port",
                  "" + port,
                  "--work",
                  work.toString());

      assertThat(code).isEqualTo(0);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .containsPattern("\\| Redis \\(HGETALL, Jedis\\) \\| [0-9.]+ (µs|ms) \\|");
    } finally {
      redis.destroy();
      redis.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void awaitListening(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return;
      } catch (java.io.IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("redis-server did not listen on 127.0.0.1:" + port + " within 20 s");
  }

  @Test
  void ids_computed_in_java_are_the_ids_duckdb_wrote() throws Exception {
    BenchData data = new BenchData(work, 50, 7);
    data.writeDuckDb();
    StringBuilder written = new StringBuilder();
    data.forEachRow(
        rs -> {
          try {
            written.append(rs.getString(1)).append('\n');
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });

    for (int i = 0; i < 50; i++) {
      assertThat(written.toString()).contains(data.id(i) + "\n");
    }
    assertThat(Files.size(data.duckdbFile())).isPositive();
  }
}
