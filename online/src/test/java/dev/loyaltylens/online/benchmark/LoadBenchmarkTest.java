package dev.loyaltylens.online.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.online.redis.RedisSettings;
import dev.loyaltylens.online.testing.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The load benchmark on a few thousand rows against a real redis-server: every figure measured,
 * nothing left behind.
 */
@Tag("redis")
class LoadBenchmarkTest {

  @Test
  void measures_a_load_and_its_reads_then_drops_its_version(@TempDir Path dir) throws Exception {
    try (RedisServer redis = RedisServer.start(dir.resolve("redis"))) {
      LoadBenchmark.Figures figures =
          LoadBenchmark.run(redis.address(), 5_000, dir, RedisSettings.defaults());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      LoadBenchmark.print(figures, new PrintStream(out, true, StandardCharsets.UTF_8));

      assertThat(figures.load().version().rowCount()).isEqualTo(5_000);
      assertThat(figures.load().rowsPerSecond()).isPositive();
      assertThat(figures.load().bytesPerVector()).isBetween(50.0, 200.0);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("5,000 vectors of 6 features into " + redis.address() + " (one Redis server)")
          .containsPattern(
              "\\| load \\(read, encode, send, count\\) \\| [0-9.]+ s, [0-9,]+ rows/s \\|")
          .containsPattern("\\| read a batch of 100, p50 / p99 \\| [0-9.]+ µs / [0-9.]+ µs \\|");
      try (Jedis jedis = redis.jedis()) {
        assertThat(jedis.dbSize()).isZero();
      }
    }
  }
}
