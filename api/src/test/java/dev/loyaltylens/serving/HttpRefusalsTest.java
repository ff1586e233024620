package dev.loyaltylens.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the HTTP layer itself refuses (a request it cannot parse, a line or headers too long, a body
 * too large, a method no one answers) comes back as the API's JSON error, and no answer names the
 * server or its version.
 */
class HttpRefusalsTest {

  static final Duration WAIT = Duration.ofSeconds(3);

  @TempDir static Path home;
  static FeatureServer server;

  @BeforeAll
  static void serve() throws Exception {
    new PublishedFixture(home)
        .publish("v1", Instant.parse("2026-11-24T00:00:00Z"), PublishedFixture.features(100, 0));
    server = FeatureServer.start(ServeSettings.local(home));
    assertThat(server.awaitReady(Duration.ofSeconds(20))).isTrue();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Refusal(String what, String request, int status, String says) {}

  @Test
  void jetty_s_own_refusals_are_json_errors_not_html_pages() {
    List<Refusal> refusals =
        List.of(
            new Refusal(
                "a request line that is not HTTP", "GARBAGE\r\n\r\n", 400, "malformed request"),
            new Refusal("no Host header", "GET /health HTTP/1.1\r\n\r\n", 400, "No Host"),
            new Refusal(
                "an unknown HTTP version",
                "GET /health HTTP/7.1\r\nHost: t\r\n\r\n",
                505,
                "HTTP/1.1"),
            new Refusal(
                "a URL of 9,000 bytes",
                "GET /features/" + "c".repeat(9_000) + " HTTP/1.1\r\nHost: t\r\n\r\n",
                414,
                "the request line is longer than 8192 bytes"),
            new Refusal(
                "headers of 9,000 bytes",
                "GET /health HTTP/1.1\r\nHost: t\r\nX-Big: " + "b".repeat(9_000) + "\r\n\r\n",
                431,
                "the request headers are longer than 8192 bytes"),
            new Refusal(
                "an ambiguous path",
                "GET /features/%2e%2e/versions HTTP/1.1\r\nHost: t\r\n\r\n",
                400,
                "Ambiguous"),
            new Refusal(
                "a body over 1 MiB",
                "POST /features/batch HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\n[",
                413,
                "a request body holds at most 1,048,576 bytes"),
            new Refusal(
                "a method HTTP does not have",
                "BREW /health HTTP/1.1\r\nHost: t\r\n\r\n",
                501,
                "method BREW is not implemented"));
    for (Refusal refusal : refusals) {
      RawHttp.Answer answer = RawHttp.send(server.port(), refusal.request(), WAIT).only();

      assertThat(answer.status()).as(refusal.what()).isEqualTo(refusal.status());
      assertThat(answer.header("Content-Type")).as(refusal.what()).startsWith("application/json");
      assertThat(answer.json().fieldNames())
          .toIterable()
          .as(refusal.what())
          .containsExactly("error");
      assertThat(answer.json().path("error").asText()).as(refusal.what()).contains(refusal.says());
      assertThat(answer.body()).as(refusal.what()).doesNotContain("<").doesNotContain("Jetty");
    }
  }

  @Test
  void methods_http_has_reach_the_api_s_own_json_404() {
    for (String method : new String[] {"PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"}) {
      RawHttp.Answer answer =
          RawHttp.send(
                  server.port(),
                  method + " /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
                  WAIT)
              .only();

      assertThat(answer.status()).as(method).isEqualTo(404);
      assertThat(answer.json().path("error").asText())
          .as(method)
          .startsWith("no route for " + method + " /health");
    }
  }

  @Test
  void no_answer_names_the_server() {
    String[] requests = {
      "GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
      "GET /features/nobody HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
      "HEAD /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
      "GARBAGE\r\n\r\n",
      "POST /features/batch HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    };
    for (String request : requests) {
      RawHttp.Exchange exchange = RawHttp.send(server.port(), request, WAIT);

      assertThat(exchange.answers()).as(request).isNotEmpty();
      for (RawHttp.Answer answer : exchange.answers()) {
        assertThat(answer.headers())
            .as(request)
            .doesNotContainKey("server")
            .doesNotContainKey("x-powered-by");
      }
    }
  }

  @Test
  void refusals_are_counted_as_refused_never_as_server_errors() {
    RawHttp.send(server.port(), "GARBAGE\r\n\r\n", WAIT);
    RawHttp.send(
        server.port(),
        "POST /features/batch HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\n",
        WAIT);

    String metrics = new ApiClient(server.port()).get("/metrics").body();

    assertThat(metrics)
        .contains("loyaltylens_http_requests_total{route=\"refused\",status=\"400\"}")
        .contains("loyaltylens_http_requests_total{route=\"refused\",status=\"413\"}")
        .doesNotContain("status=\"500\"");
  }
}
