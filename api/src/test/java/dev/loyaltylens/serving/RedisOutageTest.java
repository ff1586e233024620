package dev.loyaltylens.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.online.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis mode follows the online store by itself: a new pointer is served within 2 s, a stopped Redis gives 503
 * with a JSON error (a server started meanwhile too), and once Redis is back every request is answered again, all
 * without restarting the API.
 */
@Tag("redis")
class RedisOutageTest {

  static final Instant AS_OF = Instant.parse("2026-11-24T00:00:00Z");

  @TempDir Path dir;

  @Test
  void follows_the_pointer_answers_503_while_redis_is_down_and_recovers_without_a_restart() throws Exception {
    PublishedFixture fixture = new PublishedFixture(dir.resolve("home"));
    fixture.publish("v1", AS_OF, PublishedFixture.features(500, 1000));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    RedisServer redis = RedisServer.start(dir.resolve("redis"));
    int port = redis.port();
    FeatureServer late = null;
    try {
      OnlineFixture.materialize(redis.address(), fixture.home(), "v1");
      ServeSettings settings = ServeSettings.local(empty).withOnline(redis.address())
          .withPollInterval(Duration.ofMillis(200));
      try (FeatureServer api = FeatureServer.start(settings)) {
        assertThat(api.awaitReady(Duration.ofSeconds(30))).isTrue();
        ApiClient client = new ApiClient(api.port());
        assertThat(client.get("/features/c7").json().path("version").asText()).isEqualTo("v1");

        fixture.publish("v2", AS_OF.plusSeconds(86_400), PublishedFixture.features(500, 0));
        OnlineFixture.materialize(redis.address(), fixture.home(), "v2");
        long flipped = System.nanoTime();
        awaitAnswer(client, "/features/c7", a -> a.status() == 200 && a.json().path("version").asText().equals("v2"),
            Duration.ofSeconds(2));
        assertThat(Duration.ofNanos(System.nanoTime() - flipped)).isLessThan(Duration.ofSeconds(2));

        redis.shutdownSaving();
        ApiClient.Answer down = awaitAnswer(client, "/features/c7", a -> a.status() == 503, Duration.ofSeconds(5));
        assertThat(down.contentType()).startsWith("application/json");
        assertThat(down.json().path("error").asText())
            .contains("Redis at " + redis.address() + " did not answer").doesNotContain("Exception");
        assertThat(client.post("/features/batch", "[\"c7\"]").status()).isEqualTo(503);
        assertThat(client.get("/health").status()).isEqualTo(503);
        late = FeatureServer.start(settings);
        ApiClient lateClient = new ApiClient(late.port());
        ApiClient.Answer lateDown = awaitAnswer(lateClient, "/health", a -> a.status() == 503, Duration.ofSeconds(10));
        assertThat(lateDown.json().path("reason").asText()).contains(redis.address());

        redis = RedisServer.start(redis.dir(), port, List.of());
        awaitAnswer(client, "/features/c7", a -> a.status() == 200, Duration.ofSeconds(10));
        for (int i = 0; i < 50; i++) {
          ApiClient.Answer answer = client.get("/features/c" + i);
          assertThat(answer.status()).as(answer.body()).isEqualTo(200);
          assertThat(answer.json().path("version").asText()).isEqualTo("v2");
        }
        awaitAnswer(lateClient, "/features/c7", a -> a.status() == 200, Duration.ofSeconds(10));
        assertThat(api.servingVersion()).isEqualTo("v2");
      }
    } finally {
      if (late != null) {
        late.close();
      }
      redis.close();
    }
  }

  private static ApiClient.Answer awaitAnswer(
      ApiClient client, String path, Predicate<ApiClient.Answer> wanted, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    ApiClient.Answer last = client.get(path);
    while (!wanted.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no wanted answer to " + path + " within " + within + "; the last: " + last.status()
            + " " + last.body());
      }
      TimeUnit.MILLISECONDS.sleep(20);
      last = client.get(path);
    }
    return last;
  }
}
