package dev.loyaltylens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.online.testing.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import redis.clients.jedis.Jedis;

/**
 * The online benchmark end to end on a small version and a real redis-server: every figure, nothing
 * left behind.
 */
@Tag("redis")
class OnlineCommandTest {

  @TempDir Path work;

  @Test
  void prints_the_load_and_both_modes_of_the_api_then_leaves_redis_as_it_found_it()
      throws Exception {
    try (RedisServer redis = RedisServer.start(work.resolve("redis"))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();

      int code =
          new CommandLine(new OnlineCommand(new PrintStream(out, true), new PrintStream(err, true)))
              .execute(
                  "--rows",
                  "3000",
                  "--online",
                  redis.address(),
                  "--lookups",
                  "200",
                  "--warmup",
                  "100",
                  "--batches",
                  "50",
                  "--connections",
                  "4",
                  "--seconds",
                  "1",
                  "--work",
                  work.resolve("data").toString());

      String table = out.toString(StandardCharsets.UTF_8);
      assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(table)
          .contains(
              "3,000 customers of 6 features (seed 42) in "
                  + redis.address()
                  + " (one Redis server)");
      assertThat(table)
          .containsPattern(
              "\\| load \\(read, encode, send, count\\) \\| [0-9.]+ s, [0-9,]+ rows/s \\|");
      assertThat(table)
          .containsPattern("\\| Redis memory grown \\(INFO used_memory\\) \\| [0-9.]+ MB");
      assertThat(table)
          .containsPattern(
              "load average \\(1, 5, 15 minutes, as uptime prints it\\): [0-9.]+, [0-9.]+,"
                  + " [0-9.]+ at the start, [0-9.]+, [0-9.]+, [0-9.]+ at the end");
      assertThat(table)
          .containsPattern(
              "\\| load rate, time \\| [0-9,]+ rows/s \\| [0-9.]+ s \\| >= 250,000 rows/s, <= 20 s \\|");
      assertThat(table)
          .containsPattern(
              "\\| Redis memory grown \\(INFO used_memory\\) \\| [0-9.]+ MB per million"
                  + " \\| [0-9,]+ MB \\| <= 1,500 MB \\|");
      assertThat(table)
          .containsPattern(
              "\\| one connection, p99 \\| [0-9.]+ (µs|ms) \\| [0-9.]+ (µs|ms) \\| <= 1 ms \\|");
      assertThat(table)
          .containsPattern(
              "\\| one connection, median \\| [0-9.]+ (µs|ms) \\| [0-9.]+ (µs|ms) \\|");
      assertThat(table)
          .containsPattern("\\| 4 connections \\| [0-9,]+ requests/s \\| [0-9,]+ requests/s \\|");
      assertThat(table)
          .containsPattern(
              "\\| batch of 100, p99 \\| [0-9.]+ (µs|ms) \\| [0-9.]+ (µs|ms) \\| <= 3 ms \\|");
      try (Jedis jedis = redis.jedis()) {
        assertThat(jedis.dbSize()).isZero();
      }
    }
  }

  @Test
  void refuses_a_redis_that_serves_other_versions() throws Exception {
    try (RedisServer redis = RedisServer.start(work.resolve("redis"))) {
      try (Jedis jedis = redis.jedis()) {
        jedis.set("{loyaltylens}:current", "v20261124T000000Z-0000abcd");
      }
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream stderr = System.err;
      int code;
      try {
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        code =
            BenchMain.run(
                "online",
                "--rows",
                "10",
                "--online",
                redis.address(),
                "--work",
                work.resolve("data").toString());
      } finally {
        System.setErr(stderr);
      }

      assertThat(code).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8).strip())
          .startsWith(
              "error: the Redis at "
                  + redis.address()
                  + " holds LoyaltyLens data (it serves"
                  + " v20261124T000000Z-0000abcd");
    }
  }
}
