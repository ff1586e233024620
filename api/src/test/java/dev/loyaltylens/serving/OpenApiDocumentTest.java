package dev.loyaltylens.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loyaltylens.serving.openapi.OpenApiDocument;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /openapi.json} serves the document kept in the repository, and that document is the
 * server's.
 */
class OpenApiDocumentTest {

  @TempDir static Path home;
  static FeatureServer server;
  static ApiClient api;

  @BeforeAll
  static void serve() throws Exception {
    new PublishedFixture(home)
        .publish("v1", Instant.parse("2026-11-24T00:00:00Z"), PublishedFixture.features(10, 0));
    java.nio.file.Files.createDirectories(home.resolve("reports"));
    java.nio.file.Files.writeString(
        home.resolve("reports/v1.html"), "<!DOCTYPE html><title>v1</title>");
    server = FeatureServer.start(ServeSettings.local(home));
    assertThat(server.awaitReady(Duration.ofSeconds(20))).isTrue();
    api = new ApiClient(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void serves_the_openapi_3_1_document_kept_in_the_repository() throws Exception {
    ApiClient.Answer answer = api.get("/openapi.json");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream(OpenApiDocument.RESOURCE)) {
      assertThat(answer.body()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertThat(answer.json().path("openapi").asText()).startsWith("3.1.");
  }

  @Test
  void every_documented_operation_is_served() {
    for (OpenApiContract.Operation operation : OpenApiContract.PUBLISHED.operations()) {
      String path = operation.template().replace("{customer_id}", "c7");
      ApiClient.Answer answer =
          operation.method().equals("POST") ? api.post(path, "[\"c7\"]") : api.get(path);

      assertThat(answer.status()).as(operation.toString()).isEqualTo(200);
    }
  }

  @Test
  void every_route_the_unknown_route_error_names_is_documented() {
    String error = api.get("/nothing/here").json().path("error").asText();

    for (String route : error.substring(error.indexOf("see ") + 4).split(", ")) {
      String path = route.replaceFirst("^(GET|POST) ", "");
      assertThat(OpenApiContract.PUBLISHED.operations())
          .as(route)
          .anyMatch(o -> o.template().equals(path));
    }
  }

  @Test
  void an_answer_that_breaks_the_document_is_refused() {
    OpenApiContract contract = OpenApiContract.PUBLISHED;
    String vector = api.get("/features/c1").body();
    JsonNode parsed = api.get("/features/c1").json();
    String withoutVersion =
        vector.replace("\"version\":\"" + parsed.path("version").asText() + "\",", "");

    assertThatThrownBy(
            () -> contract.check("GET", "/features/c1", 200, "application/json", withoutVersion))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("version");
    assertThatThrownBy(
            () ->
                contract.check("GET", "/features/c1", 418, "application/json", "{\"error\":\"x\"}"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("does not document");
    assertThatThrownBy(() -> contract.check("GET", "/features/c1", 200, "text/html", vector))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("text/html");
    assertThatThrownBy(() -> contract.check("GET", "/undocumented", 200, "application/json", "{}"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no operation");
    assertThatThrownBy(
            () ->
                contract.check("GET", "/health", 503, "application/json", "{\"status\":\"ready\"}"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("HealthUnavailable");
    assertThatThrownBy(
            () -> contract.check("GET", "/versions", 200, "application/json", "not json"))
        .isInstanceOf(AssertionError.class);
  }
}
