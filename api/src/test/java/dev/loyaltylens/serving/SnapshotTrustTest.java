package dev.loyaltylens.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API trusts neither the manifest's paths nor a snapshot's bytes: a snapshot that is not the
 * file it was published as is not served, the previous version is, and {@code /health} says why
 * until {@code publish} repairs it; a manifest that names a file outside {@code published/}, or
 * cannot be read, is not used.
 */
class SnapshotTrustTest {

  static final Instant AS_OF = Instant.parse("2026-11-24T00:00:00Z");

  @TempDir Path home;

  private ServeSettings fastPolling() {
    return ServeSettings.local(home).withPollInterval(Duration.ofMillis(100));
  }

  private static void corrupt(Path snapshot) throws Exception {
    try (RandomAccessFile file = new RandomAccessFile(snapshot.toFile(), "rw")) {
      byte[] garbage = new byte[4096];
      Arrays.fill(garbage, (byte) 0x5a);
      file.seek(file.length() / 2);
      file.write(garbage);
    }
  }

  @Test
  void
      a_corrupt_latest_snapshot_is_not_served_the_previous_version_is_and_health_says_why_until_it_is_repaired()
          throws Exception {
    PublishedFixture fixture = new PublishedFixture(home);
    PublishedVersion v1 = fixture.publish("v1", AS_OF, PublishedFixture.features(100, 1000));
    fixture.publish("v2", AS_OF.plusSeconds(86_400), PublishedFixture.features(100, 0));
    corrupt(fixture.home().snapshot("v2"));

    try (FeatureServer server = FeatureServer.start(fastPolling())) {
      assertThat(server.awaitReady(Duration.ofSeconds(20))).as("ready after a restart").isTrue();
      ApiClient api = new ApiClient(server.port());
      waitFor(() -> api.get("/health").json().has("warning"), Duration.ofSeconds(10));

      ApiClient.Answer health = api.get("/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().path("version").asText()).isEqualTo("v1");
      assertThat(health.json().path("warning").asText())
          .contains("the latest version v2 is not served")
          .contains("SHA-256 differs")
          .contains("loyaltylens publish --version v2")
          .contains("serving v1 instead");
      assertThat(api.get("/features/c7").json().path("version").asText()).isEqualTo("v1");
      JsonNode versions = api.get("/versions").json();
      assertThat(versions.path("latest").asText()).isEqualTo("v2");
      assertThat(versions.path("serving").asText()).isEqualTo("v1");

      // What publish does when it repairs a snapshot: a new file renamed into place, the manifest
      // rewritten.
      PublishedVersion rebuilt =
          fixture.writeSnapshot("v2", AS_OF.plusSeconds(86_400), PublishedFixture.features(100, 0));
      new PublishedManifest("v2", List.of(v1, rebuilt)).write(fixture.home());

      waitFor(() -> "v2".equals(server.servingVersion()), Duration.ofSeconds(5));
      assertThat(api.get("/health").json().has("warning")).isFalse();
      assertThat(api.get("/features/c7").json().path("features").path("recency_days").asInt())
          .isEqualTo(7);
    }
  }

  @Test
  void a_latest_snapshot_replaced_by_another_file_is_found_even_when_it_is_a_sound_database()
      throws Exception {
    PublishedFixture fixture = new PublishedFixture(home);
    fixture.publish("v1", AS_OF, PublishedFixture.features(100, 1000));
    fixture.publish("v2", AS_OF.plusSeconds(86_400), PublishedFixture.features(100, 0));
    Files.copy(
        fixture.home().snapshot("v1"),
        fixture.home().snapshot("v2"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    try (FeatureServer server = FeatureServer.start(fastPolling())) {
      assertThat(server.awaitReady(Duration.ofSeconds(20))).isTrue();
      ApiClient api = new ApiClient(server.port());
      waitFor(() -> api.get("/health").json().has("warning"), Duration.ofSeconds(10));

      assertThat(server.servingVersion()).isEqualTo("v1");
      assertThat(api.get("/health").json().path("warning").asText())
          .contains("not the file it was published as");
    }
  }

  @Test
  void a_manifest_naming_a_file_outside_published_is_never_used() throws Exception {
    PublishedFixture fixture = new PublishedFixture(home);
    fixture.publish("v1", AS_OF, PublishedFixture.features(10, 0));
    Path outside = home.resolve("outside.duckdb");
    Files.copy(fixture.home().snapshot("v1"), outside);
    String manifest = Files.readString(fixture.home().manifest());
    Files.writeString(fixture.home().manifest(), manifest.replace("\"v1\"", "\"../outside\""));

    try (FeatureServer server = FeatureServer.start(fastPolling())) {
      ApiClient api = new ApiClient(server.port());
      waitFor(
          () -> api.get("/health").json().path("reason").asText().contains("cannot be read"),
          Duration.ofSeconds(10));

      ApiClient.Answer health = api.get("/health");
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.json().path("reason").asText())
          .contains("`../outside` is not a version id")
          .contains("rewrites it from the registry");
      assertThat(server.servingVersion()).isNull();
    }
  }

  @Test
  void a_snapshot_that_is_a_link_out_of_published_is_never_attached() throws Exception {
    PublishedFixture fixture = new PublishedFixture(home);
    PublishedVersion v1 = fixture.publish("v1", AS_OF, PublishedFixture.features(10, 1000));
    Path outside = home.resolve("outside.duckdb");
    PublishedVersion v2 =
        fixture.writeSnapshot("v2", AS_OF.plusSeconds(86_400), PublishedFixture.features(10, 0));
    Files.move(fixture.home().snapshot("v2"), outside);
    Files.createSymbolicLink(fixture.home().snapshot("v2"), outside);
    new PublishedManifest("v2", List.of(v1, v2)).write(fixture.home());

    try (FeatureServer server = FeatureServer.start(fastPolling())) {
      assertThat(server.awaitReady(Duration.ofSeconds(20))).isTrue();
      ApiClient api = new ApiClient(server.port());
      waitFor(() -> api.get("/health").json().has("warning"), Duration.ofSeconds(10));

      assertThat(server.servingVersion()).isEqualTo("v1");
      assertThat(api.get("/health").json().path("warning").asText()).contains("leads outside");
      ApiClient.Answer asked = api.get("/features/c1?version=v2");
      assertThat(asked.status()).isEqualTo(500);
      assertThat(asked.body()).doesNotContain("recency_days");
    }
  }

  @Test
  void a_manifest_broken_while_serving_keeps_the_version_served_and_health_says_how_to_repair_it()
      throws Exception {
    PublishedFixture fixture = new PublishedFixture(home);
    fixture.publish("v1", AS_OF, PublishedFixture.features(10, 0));
    try (FeatureServer server = FeatureServer.start(fastPolling())) {
      assertThat(server.awaitReady(Duration.ofSeconds(20))).isTrue();
      ApiClient api = new ApiClient(server.port());
      String whole = Files.readString(fixture.home().manifest());
      Files.writeString(fixture.home().manifest(), whole.substring(0, whole.length() / 2));

      waitFor(() -> api.get("/health").json().has("warning"), Duration.ofSeconds(5));

      ApiClient.Answer health = api.get("/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().path("version").asText()).isEqualTo("v1");
      assertThat(health.json().path("warning").asText())
          .contains("cannot be read")
          .contains("loyaltylens versions --home")
          .contains("still serving v1");
      assertThat(api.get("/features/c1").status()).isEqualTo(200);

      Files.writeString(fixture.home().manifest(), whole);
      waitFor(() -> !api.get("/health").json().has("warning"), Duration.ofSeconds(5));
    }
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
