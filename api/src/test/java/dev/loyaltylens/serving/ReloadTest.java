package dev.loyaltylens.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New versions are picked up from the manifest while requests keep being answered. */
class ReloadTest {

  static final Instant AS_OF = Instant.parse("2026-11-24T00:00:00Z");

  @TempDir Path home;

  @Test
  void a_publish_is_served_within_5_seconds_while_requests_run_and_none_fails() throws Exception {
    PublishedFixture fixture = new PublishedFixture(home);
    fixture.publish("v1", AS_OF, PublishedFixture.features(50_000, 1000));
    try (FeatureServer server = FeatureServer.start(ServeSettings.local(home))) {
      assertThat(server.awaitReady(Duration.ofSeconds(20))).isTrue();
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong answered = new AtomicLong();
      Map<String, Long> firstSeen = new ConcurrentHashMap<>();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      Runnable client =
          () -> {
            ApiClient api = new ApiClient(server.port());
            String lastVersion = "v1";
            while (running.get() && System.nanoTime() < deadline) {
              int i = ThreadLocalRandom.current().nextInt(50_000);
              ApiClient.Answer answer = api.get("/features/c" + i);
              if (answer.status() != 200) {
                failures.add(answer.status() + " " + answer.body());
                continue;
              }
              JsonNode vector = answer.json();
              String version = vector.path("version").asText();
              int expected = i % 90 + (version.equals("v1") ? 1000 : 0);
              if (vector.path("features").path("recency_days").asInt() != expected) {
                failures.add(
                    "c" + i + " of " + version + " has the wrong recency_days: " + answer.body());
              }
              if (lastVersion.equals("v2") && version.equals("v1")) {
                failures.add("went back to v1 after v2");
              }
              lastVersion = version;
              firstSeen.putIfAbsent(version, System.nanoTime());
              answered.incrementAndGet();
            }
          };
      List<Thread> clients = List.of(new Thread(client), new Thread(client));
      clients.forEach(Thread::start);

      Thread.sleep(1_000);
      fixture.publish("v2", AS_OF.plusSeconds(86_400), PublishedFixture.features(50_000, 0));
      long published = System.nanoTime();
      waitFor(() -> firstSeen.containsKey("v2"), Duration.ofSeconds(10));
      Thread.sleep(500);
      running.set(false);
      for (Thread thread : clients) {
        thread.join();
      }

      assertThat(failures).isEmpty();
      assertThat(firstSeen).containsKeys("v1", "v2");
      assertThat(Duration.ofNanos(firstSeen.get("v2") - published))
          .isLessThan(Duration.ofSeconds(5));
      assertThat(answered.get()).isGreaterThan(100);
      assertThat(server.servingVersion()).isEqualTo("v2");
    }
  }

  @Test
  void health_is_503_until_the_first_version_is_published() throws Exception {
    try (FeatureServer server = FeatureServer.start(fastPolling())) {
      ApiClient api = new ApiClient(server.port());

      ApiClient.Answer health = api.get("/health");
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.json().path("reason").asText()).contains("nothing is published");
      assertThat(api.get("/features/c1").status()).isEqualTo(503);
      assertThat(api.get("/features/stats").status()).isEqualTo(503);
      assertThat(api.get("/versions").json().path("versions")).isEmpty();

      new PublishedFixture(home).publish("v1", AS_OF, PublishedFixture.features(10, 0));
      waitFor(() -> api.get("/health").status() == 200, Duration.ofSeconds(5));
      assertThat(api.get("/features/c1").json().path("version").asText()).isEqualTo("v1");
    }
  }

  @Test
  void a_snapshot_that_cannot_be_loaded_leaves_the_old_version_serving() throws Exception {
    PublishedFixture fixture = new PublishedFixture(home);
    PublishedVersion v1 = fixture.publish("v1", AS_OF, PublishedFixture.features(10, 0));
    try (FeatureServer server = FeatureServer.start(fastPolling())) {
      assertThat(server.awaitReady(Duration.ofSeconds(20))).isTrue();
      ApiClient api = new ApiClient(server.port());
      Files.write(fixture.home().snapshot("v2"), "not a DuckDB file".repeat(1000).getBytes());
      PublishedVersion corrupt =
          new PublishedVersion(
              "v2", AS_OF.plusSeconds(86_400), Instant.now(), 10, v1.columns(), v1.statistics());
      new PublishedManifest("v2", List.of(v1, corrupt)).write(fixture.home());

      waitFor(
          () -> "v2".equals(api.get("/versions").json().path("latest").asText()),
          Duration.ofSeconds(5));
      Thread.sleep(500);

      assertThat(api.get("/health").json().path("version").asText()).isEqualTo("v1");
      assertThat(api.get("/features/c1").json().path("version").asText()).isEqualTo("v1");
      ApiClient.Answer asked = api.get("/features/c1?version=v2");
      assertThat(asked.status()).isEqualTo(500);
      assertThat(asked.json().path("error").asText())
          .contains("could not read the snapshot of version v2");

      fixture.publish("v3", AS_OF.plusSeconds(2 * 86_400), PublishedFixture.features(10, 0));
      waitFor(() -> "v3".equals(server.servingVersion()), Duration.ofSeconds(5));
    }
  }

  @Test
  void a_version_gone_from_the_manifest_is_no_longer_served() throws Exception {
    PublishedFixture fixture = new PublishedFixture(home);
    PublishedVersion v1 = fixture.publish("v1", AS_OF, PublishedFixture.features(10, 1000));
    PublishedVersion v2 =
        fixture.publish("v2", AS_OF.plusSeconds(86_400), PublishedFixture.features(10, 0));
    try (FeatureServer server = FeatureServer.start(fastPolling())) {
      assertThat(server.awaitReady(Duration.ofSeconds(20))).isTrue();
      ApiClient api = new ApiClient(server.port());
      assertThat(api.get("/features/c1?version=v1").status()).isEqualTo(200);

      new PublishedManifest("v2", List.of(v2)).write(fixture.home());
      waitFor(
          () -> api.get("/versions").json().path("versions").size() == 1, Duration.ofSeconds(5));
      // Detached once gone from the manifest, so a gc in another process may delete the file.
      Files.delete(fixture.home().snapshot(v1.version()));

      assertThat(api.get("/features/c1?version=v1").status()).isEqualTo(404);
      assertThat(api.get("/features/c1").json().path("version").asText()).isEqualTo("v2");
    }
  }

  private ServeSettings fastPolling() {
    return ServeSettings.local(home).withPollInterval(Duration.ofMillis(100));
  }

  private static void waitFor(Supplier<Boolean> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.get()) {
      assertThat(System.nanoTime()).as("waited " + timeout).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
