package dev.loyaltylens.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client sends the API key on every call, and a refused key is an error that says which side is
 * wrong.
 */
class ApiKeyTest {

  static final String KEY = "s3cret-key";

  @TempDir static Path home;
  static LiveService service;

  @BeforeAll
  static void serveWithAKey() throws Exception {
    service = LiveService.over(home, KEY);
    service.publish("v1", Instant.parse("2026-11-24T00:00:00Z"), 10, 0);
    service.start(0).awaitServing("v1");
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void sends_the_key_on_every_call() {
    try (FeatureClient client = FeatureClient.builder(service.url()).apiKey(KEY).build()) {
      assertThat(client.vector("c1")).isPresent();
      assertThat(client.batch(List.of("c1", "c2")).found()).hasSize(2);
      assertThat(client.versions().latest()).isEqualTo("v1");
    }
  }

  @Test
  void without_the_key_every_call_but_health_is_refused_once() throws Exception {
    long before = service.answered("/features/batch", 401);
    try (FeatureClient client = FeatureClient.builder(service.url()).build()) {
      assertThatThrownBy(() -> client.vector("c1"))
          .isInstanceOf(ApiKeyRejectedException.class)
          .hasMessageContaining("answered 401: missing or wrong X-API-Key header")
          .hasMessageContaining(
              "this client sends no key: set it with FeatureClient.Builder.apiKey");
      assertThatThrownBy(client::versions).isInstanceOf(ApiKeyRejectedException.class);
      assertThat(client.health().ready()).isTrue();
    }
    assertThat(service.answered("/features/batch", 401) - before)
        .as("401 is not retried")
        .isEqualTo(1);
  }

  @Test
  void a_wrong_key_is_refused_and_said_to_be_wrong() {
    try (FeatureClient client = FeatureClient.builder(service.url()).apiKey("s3cret-kez").build()) {
      assertThatThrownBy(() -> client.batch(List.of("c1")))
          .isInstanceOf(ApiKeyRejectedException.class)
          .hasMessageContaining("the key this client sends is not the service's");
    }
  }
}
