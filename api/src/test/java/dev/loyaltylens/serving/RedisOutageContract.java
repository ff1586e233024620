package dev.loyaltylens.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis mode follows the online store by itself: a new pointer is served within 2 s, a stopped
 * Redis gives 503 with a JSON error (a server started meanwhile too), and once Redis is back every
 * request is answered again, all without restarting the API; from the stop to the end no answer is
 * anything but a 503 with its reason or a 200 of the current version. A subclass starts the
 * servers: one redis-server, or a three-master cluster.
 */
@Tag("redis")
abstract class RedisOutageContract {

  static final Instant AS_OF = Instant.parse("2026-11-24T00:00:00Z");

  @TempDir Path dir;

  /** Starts the servers; their address as {@code --online} takes it. */
  abstract String startRedis(Path dir) throws Exception;

  /** Stops every server as an operator does, keeping its data. */
  abstract void stopRedis() throws Exception;

  /**
   * Starts the stopped servers again with their data; returns once they answer as before the stop.
   */
  abstract void startRedisAgain() throws Exception;

  /** Kills the servers and deletes their folders. */
  abstract void closeRedis();

  @AfterEach
  void close() {
    closeRedis();
  }

  @Test
  void follows_the_pointer_answers_503_while_redis_is_down_and_recovers_without_a_restart()
      throws Exception {
    PublishedFixture fixture = new PublishedFixture(dir.resolve("home"));
    fixture.publish("v1", AS_OF, PublishedFixture.features(500, 1000));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    String address = startRedis(dir.resolve("redis"));
    OnlineFixture.materialize(address, fixture.home(), "v1");
    ServeSettings settings =
        ServeSettings.local(empty).withOnline(address).withPollInterval(Duration.ofMillis(200));
    FeatureServer late = null;
    try (FeatureServer api = FeatureServer.start(settings)) {
      assertThat(api.awaitReady(Duration.ofSeconds(30))).isTrue();
      ApiClient client = new ApiClient(api.port());
      assertThat(client.get("/features/c7").json().path("version").asText()).isEqualTo("v1");

      fixture.publish("v2", AS_OF.plusSeconds(86_400), PublishedFixture.features(500, 0));
      OnlineFixture.materialize(address, fixture.home(), "v2");
      long flipped = System.nanoTime();
      awaitAnswer(
          client,
          "/features/c7",
          a -> a.status() == 200 && a.json().path("version").asText().equals("v2"),
          Duration.ofSeconds(2));
      assertThat(Duration.ofNanos(System.nanoTime() - flipped)).isLessThan(Duration.ofSeconds(2));

      Watcher watcher =
          new Watcher(
              new ApiClient(api.port()),
              "v2",
              IntStream.range(0, 500).mapToObj(i -> "c" + i).toList());
      watcher.start();
      stopRedis();
      ApiClient.Answer down =
          awaitAnswer(client, "/features/c7", a -> a.status() == 503, Duration.ofSeconds(5));
      assertThat(down.contentType()).startsWith("application/json");
      assertThat(down.json().path("error").asText())
          .contains("Redis at " + address + " did not answer")
          .doesNotContain("Exception");
      assertThat(client.post("/features/batch", "[\"c7\"]").status()).isEqualTo(503);
      assertThat(client.get("/health").status()).isEqualTo(503);
      late = FeatureServer.start(settings);
      ApiClient lateClient = new ApiClient(late.port());
      ApiClient.Answer lateDown =
          awaitAnswer(lateClient, "/health", a -> a.status() == 503, Duration.ofSeconds(10));
      assertThat(lateDown.json().path("reason").asText()).contains(address);

      startRedisAgain();
      awaitAnswer(client, "/features/c7", a -> a.status() == 200, Duration.ofSeconds(10));
      for (int i = 0; i < 50; i++) {
        ApiClient.Answer answer = client.get("/features/c" + i);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("version").asText()).isEqualTo("v2");
      }
      awaitAnswer(lateClient, "/features/c7", a -> a.status() == 200, Duration.ofSeconds(10));
      assertThat(api.servingVersion()).isEqualTo("v2");
      watcher.stop();

      watcher.assertOnly503sAnd200s();
    } finally {
      if (late != null) {
        late.close();
      }
    }
  }

  /**
   * Asks for vectors and batches in turn, without pause, and keeps every answer that is neither a
   * 503 with its reason nor a 200 of the version served.
   */
  static final class Watcher {

    private final ApiClient client;
    private final String version;
    private final List<String> ids;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private final ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    private final Thread thread = new Thread(this::ask, "outage-watcher");

    /**
     * @param ids the customers to ask for, in turn
     */
    Watcher(ApiClient client, String version, List<String> ids) {
      this.client = client;
      this.version = version;
      this.ids = List.copyOf(ids);
    }

    void start() {
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(30_000);
    }

    long unavailable() {
      return unavailable.get();
    }

    void assertOnly503sAnd200s() {
      assertThat(wrong)
          .as("answers neither a 503 with its reason nor a 200 of " + version)
          .isEmpty();
      assertThat(unavailable.get()).as("503s while Redis was down").isPositive();
      assertThat(answered.get()).as("200s").isPositive();
    }

    private void ask() {
      for (int i = 0; running.get(); i++) {
        try {
          ApiClient.Answer answer =
              i % 4 == 0
                  ? client.post(
                      "/features/batch",
                      "[\""
                          + ids.get(i % ids.size())
                          + "\", \""
                          + ids.get((i + 1) % ids.size())
                          + "\"]")
                  : client.get("/features/" + ids.get(i % ids.size()));
          if (answer.status() == 503
              && answer.contentType().startsWith("application/json")
              && !answer.json().path("error").asText().isEmpty()) {
            unavailable.incrementAndGet();
          } else if (answer.status() == 200
              && answer.json().path("version").asText().equals(version)) {
            answered.incrementAndGet();
          } else {
            wrong.add(answer.status() + " " + answer.body());
          }
        } catch (RuntimeException | AssertionError e) {
          wrong.add(e.toString());
        }
      }
    }
  }

  static ApiClient.Answer awaitAnswer(
      ApiClient client, String path, Predicate<ApiClient.Answer> wanted, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    ApiClient.Answer last = client.get(path);
    while (!wanted.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no wanted answer to "
                + path
                + " within "
                + within
                + "; the last: "
                + last.status()
                + " "
                + last.body());
      }
      TimeUnit.MILLISECONDS.sleep(20);
      last = client.get(path);
    }
    return last;
  }
}
