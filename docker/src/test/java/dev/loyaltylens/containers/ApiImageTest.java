package dev.loyaltylens.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

@Tag("docker")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiImageTest {

  private static final DockerImageName IMAGE = DockerImageName.parse("loyaltylens-api:latest");
  private static final String AS_OF = "2026-11-24T00:00:00Z";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private Path home;
  private String version;
  private String customerId;
  private GenericContainer<?> api;
  private int port;

  @BeforeAll
  void serveAPublishedVersion() {
    home = StoreHomes.create();
    TasksImage tasks = new TasksImage(home);
    version = tasks.publishVersion(AS_OF);
    customerId = tasks.anyPublishedCustomerId(version);
    port = FreePorts.pick();
    api =
        new GenericContainer<>(IMAGE)
            .withNetworkMode("host")
            .withFileSystemBind(home.toString(), "/data", BindMode.READ_WRITE)
            .withCommand("--home", "/data", "--port", String.valueOf(port))
            .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(2)));
    api.start();
  }

  @AfterAll
  void stopApi() {
    if (api != null) {
      api.stop();
    }
    StoreHomes.deleteQuietly(home);
  }

  @Test
  void image_health_check_reports_healthy_once_a_version_is_loaded() throws Exception {
    assertThat(api.getCurrentContainerInfo().getState().getHealth().getStatus())
        .isEqualTo("healthy");
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void versions_lists_the_published_version() throws Exception {
    HttpResponse<String> response = get("/versions");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(version);
  }

  @Test
  void serves_the_features_of_a_published_customer_with_their_version() throws Exception {
    HttpResponse<String> response = get("/features/" + customerId);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.toString()).contains(customerId).contains(version);
  }

  @Test
  void rejects_an_unknown_customer_with_404() throws Exception {
    assertThat(get("/features/no-such-customer").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
