package dev.loyaltylens.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API in Redis mode beside the in-memory mode, on the same published versions: every route
 * answers the same status, media type and bytes. The Redis-mode server is given an empty home
 * folder, so it can only answer from Redis. A subclass starts the servers: one redis-server, or a
 * three-master cluster.
 */
@Tag("redis")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RedisModeContract {

  static final Instant FIRST_AS_OF = Instant.parse("2026-11-22T00:00:00Z");
  static final Instant SECOND_AS_OF = Instant.parse("2026-11-23T00:00:00Z");
  static final Instant THIRD_AS_OF = Instant.parse("2026-11-24T00:00:00Z");

  private FeatureServer memory;
  private FeatureServer redis;
  private ApiClient fromMemory;
  private ApiClient fromRedis;

  /** Starts the servers; their address as {@code --online} takes it. */
  abstract String startRedis(Path dir) throws Exception;

  abstract void stopRedis();

  @BeforeAll
  void publishThreeVersionsAndServeThemBothWays(@TempDir Path dir) throws Exception {
    String address = startRedis(dir.resolve("redis"));
    PublishedFixture fixture = new PublishedFixture(dir.resolve("home"));
    fixture.publish("v1", FIRST_AS_OF, PublishedFixture.features(800, 2000));
    fixture.publish("v2", SECOND_AS_OF, PublishedFixture.features(1_000, 1000));
    fixture.publish("v3", THIRD_AS_OF, PublishedFixture.features(1_200, 0));
    // The latest and the previous, as publish --online keeps them; v1 is published but not in
    // Redis.
    OnlineFixture.materialize(address, fixture.home(), "v2", "v3");

    memory = FeatureServer.start(ServeSettings.local(fixture.root()));
    Path empty = Files.createDirectories(dir.resolve("empty-home"));
    redis = FeatureServer.start(ServeSettings.local(empty).withOnline(address));
    assertThat(memory.awaitReady(Duration.ofSeconds(30))).isTrue();
    assertThat(redis.awaitReady(Duration.ofSeconds(30))).isTrue();
    fromMemory = new ApiClient(memory.port());
    fromRedis = new ApiClient(redis.port());
  }

  @AfterAll
  void stop() {
    if (redis != null) {
      redis.close();
    }
    if (memory != null) {
      memory.close();
    }
    stopRedis();
  }

  private void assertSameAnswers(String method, String path, String body) {
    ApiClient.Answer expected = body == null ? fromMemory.get(path) : fromMemory.post(path, body);
    ApiClient.Answer actual = body == null ? fromRedis.get(path) : fromRedis.post(path, body);

    assertThat(actual.status())
        .as("%s %s: %s", method, path, actual.body())
        .isEqualTo(expected.status());
    assertThat(actual.contentType()).as("%s %s", method, path).isEqualTo(expected.contentType());
    assertThat(actual.body()).as("%s %s", method, path).isEqualTo(expected.body());
  }

  @Test
  void every_lookup_of_a_vector_answers_the_same_bytes_as_the_in_memory_mode() {
    for (String path :
        List.of(
            "/features/c7",
            "/features/c8",
            "/features/c57",
            "/features/c1199",
            "/features/c1200",
            "/features/nobody",
            "/features/bad.id",
            "/features/" + "x".repeat(65),
            "/features/c7?version=v3",
            "/features/c7?version=v2",
            "/features/c1100?version=v2",
            "/features/c7?version=v9",
            "/features/c7?as_of=2026-11-23T12:00:00Z",
            "/features/c7?as_of=2026-11-24",
            "/features/c7?as_of=2030-01-01T00:00:00Z",
            "/features/c7?as_of=2026-11-01T00:00:00Z",
            "/features/c7?as_of=yesterday",
            "/features/c7?as_of=2026-11-24T00:00:00Z&version=v2")) {
      assertSameAnswers("GET", path, null);
    }
  }

  @Test
  void every_batch_answers_the_same_bytes_as_the_in_memory_mode() {
    String thousand =
        IntStream.range(0, 1_000)
            .mapToObj(i -> "\"c" + (i * 7 % 1_300) + "\"")
            .collect(Collectors.joining(",", "[", "]"));
    assertSameAnswers("POST", "/features/batch", "[\"c1\", \"nobody\", \"c2\", \"c1\"]");
    assertSameAnswers("POST", "/features/batch", thousand);
    assertSameAnswers(
        "POST", "/features/batch?version=v2", "{\"customer_ids\": [\"c3\", \"c1100\"]}");
    assertSameAnswers(
        "POST", "/features/batch?as_of=2026-11-23T06:00:00Z", "[\"c3\", \"c999\", \"c1001\"]");
    assertSameAnswers("POST", "/features/batch", "[]");
    assertSameAnswers("POST", "/features/batch", "[\"c1\", \"bad id\"]");
    assertSameAnswers("POST", "/features/batch?version=v9", "[\"c1\"]");
  }

  @Test
  void every_other_route_answers_the_same_bytes_as_the_in_memory_mode() {
    for (String path :
        List.of("/features/stats", "/versions", "/health", "/openapi.json", "/nothing/here")) {
      assertSameAnswers("GET", path, null);
    }
  }

  @Test
  void metrics_name_the_same_version_and_hold_no_index() {
    String metrics = fromRedis.get("/metrics").body();

    assertThat(metrics)
        .contains(
            "loyaltylens_serving_version_info{as_of=\"2026-11-24T00:00:00Z\",version=\"v3\"} 1");
    assertThat(metrics).contains("loyaltylens_serving_rows 1200.0");
    assertThat(metrics).contains("loyaltylens_serving_index_bytes 0.0");
    assertThat(metrics).contains("loyaltylens_published_versions 3.0");
  }

  @Test
  void a_version_published_but_not_kept_in_redis_is_404_that_says_how_to_get_it() {
    ApiClient.Answer inMemory = fromMemory.get("/features/c7?version=v1");
    ApiClient.Answer inRedis = fromRedis.get("/features/c7?version=v1");
    ApiClient.Answer byInstant =
        fromRedis.post("/features/batch?as_of=2026-11-22T12:00:00Z", "[\"c7\"]");

    assertThat(inMemory.status()).isEqualTo(200);
    assertThat(inRedis.status()).isEqualTo(404);
    assertThat(inRedis.json().path("error").asText())
        .startsWith("version `v1` is published but not kept in the online store ")
        .contains("`serve --home HOME` without --online")
        .contains("`rollback --to v1 --online ");
    assertThat(byInstant.status()).isEqualTo(404);
    assertThat(byInstant.body()).isEqualTo(inRedis.body());
  }
}
