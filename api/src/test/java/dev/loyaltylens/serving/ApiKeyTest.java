package dev.loyaltylens.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With an API key configured, every route but /health wants it in X-API-Key. */
class ApiKeyTest {

  static final String KEY = "s3cret-key";

  @TempDir static Path home;
  static FeatureServer server;
  static ApiClient api;

  @BeforeAll
  static void serveWithAKey() throws Exception {
    new PublishedFixture(home)
        .publish("v1", Instant.parse("2026-11-24T00:00:00Z"), PublishedFixture.features(10, 0));
    server = FeatureServer.start(ServeSettings.local(home).withApiKey(KEY));
    assertThat(server.awaitReady(Duration.ofSeconds(20))).isTrue();
    api = new ApiClient(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void refuses_a_request_without_the_key_with_401() {
    for (String path :
        new String[] {"/features/c1", "/features/stats", "/versions", "/metrics", "/nowhere"}) {
      ApiClient.Answer answer = api.get(path);

      assertThat(answer.status()).as(path).isEqualTo(401);
      assertThat(answer.json().path("error").asText()).contains("X-API-Key");
    }
    assertThat(api.post("/features/batch", "[\"c1\"]").status()).isEqualTo(401);
  }

  @Test
  void refuses_a_wrong_key_with_401() {
    assertThat(api.get("/features/c1", "X-API-Key", "s3cret-kez").status()).isEqualTo(401);
    assertThat(api.get("/features/c1", "X-API-Key", "").status()).isEqualTo(401);
  }

  @Test
  void answers_with_the_right_key() {
    assertThat(api.get("/features/c1", "X-API-Key", KEY).status()).isEqualTo(200);
    assertThat(api.get("/features/stats", "X-API-Key", KEY).status()).isEqualTo(200);
    assertThat(api.post("/features/batch", "[\"c1\"]", "X-API-Key", KEY).status()).isEqualTo(200);
  }

  @Test
  void leaves_health_open_for_probes() {
    assertThat(api.get("/health").status()).isEqualTo(200);
  }
}
