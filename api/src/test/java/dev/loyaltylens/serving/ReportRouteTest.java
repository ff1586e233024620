package dev.loyaltylens.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /report} answers the report written into the home for the version served, or the one
 * asked for.
 */
class ReportRouteTest {

  private static final Instant AS_OF = Instant.parse("2026-11-24T00:00:00Z");

  @TempDir Path home;

  @Test
  void answers_the_report_of_the_version_served_and_404_for_one_not_written() throws Exception {
    PublishedFixture fixture = new PublishedFixture(home);
    fixture.publish("v1", AS_OF, PublishedFixture.features(100, 0));
    fixture.publish("v2", AS_OF.plusSeconds(86_400), PublishedFixture.features(100, 1));
    Files.createDirectories(home.resolve("reports"));
    Files.writeString(home.resolve("reports/v1.html"), "<!DOCTYPE html><title>v1</title>");
    try (FeatureServer server = FeatureServer.start(ServeSettings.local(home))) {
      assertThat(server.awaitReady(Duration.ofSeconds(20))).isTrue();
      ApiClient api = new ApiClient(server.port());

      ApiClient.Answer latest = api.get("/report");
      assertThat(latest.status()).isEqualTo(404);
      assertThat(latest.json().path("error").asText())
          .startsWith("no report of v2 in " + home.resolve("reports"))
          .contains("loyaltylens report --home " + home + " --version v2");

      ApiClient.Answer first = api.get("/report?version=v1");
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.contentType()).startsWith("text/html");
      assertThat(first.body()).isEqualTo("<!DOCTYPE html><title>v1</title>");

      Files.writeString(home.resolve("reports/v2.html"), "<!DOCTYPE html><title>v2</title>");
      assertThat(api.get("/report").body()).isEqualTo("<!DOCTYPE html><title>v2</title>");
      assertThat(api.get("/report?version=v9").status()).isEqualTo(404);
    }
  }
}
