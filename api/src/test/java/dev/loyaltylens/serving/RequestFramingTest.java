package dev.loyaltylens.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request framing that two parsers could read differently is refused with a JSON 400 and the
 * connection closed, so that nothing hidden behind it is ever answered; sent as raw bytes to the
 * real server.
 */
class RequestFramingTest {

  /** A request that would be answered 200 if the server ever read it. */
  static final String HIDDEN = "GET /features/c2 HTTP/1.1\r\nHost: t\r\n\r\n";

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

  @Test
  void
      a_chunk_extension_with_an_unterminated_quote_is_400_and_the_request_hidden_behind_it_is_never_answered() {
    // A front proxy that reads the quoted extension to its closing quote sees one request; a parser
    // that stops at
    // the line end sees a second one, GET /features/c2, after the last chunk.
    String smuggling =
        "POST /features/batch HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + "6;ext=\"unterminated\r\n[\"c1\"]\r\n0\r\n\r\n"
            + HIDDEN;

    RawHttp.Exchange exchange = RawHttp.send(server.port(), smuggling, WAIT);

    RawHttp.Answer answer = exchange.only();
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    assertThat(answer.json().path("error").asText()).contains("Transfer-Encoding is refused");
    assertThat(exchange.closed()).as("the connection is closed after the refusal").isTrue();
  }

  @Test
  void content_length_beside_transfer_encoding_is_400_in_either_order() {
    String body = "0\r\n\r\n" + HIDDEN;
    for (String headers :
        new String[] {
          "Content-Length: " + body.length() + "\r\nTransfer-Encoding: chunked\r\n",
          "Transfer-Encoding: chunked\r\nContent-Length: " + body.length() + "\r\n"
        }) {
      RawHttp.Exchange exchange =
          RawHttp.send(
              server.port(),
              "POST /features/batch HTTP/1.1\r\nHost: t\r\n" + headers + "\r\n" + body,
              WAIT);

      assertThat(exchange.only().status()).as(headers).isEqualTo(400);
      assertThat(exchange.only().json().has("error")).isTrue();
      assertThat(exchange.closed()).isTrue();
    }
  }

  @Test
  void every_transfer_encoding_is_refused_before_its_body_is_read() {
    String[] codings = {
      "Transfer-Encoding: chunked", "transfer-encoding: Chunked",
          "Transfer-Encoding: gzip, chunked",
      "Transfer-Encoding: xchunked", "Transfer-Encoding: identity", "Transfer-Encoding:\tchunked",
      "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity"
    };
    for (String coding : codings) {
      RawHttp.Exchange exchange =
          RawHttp.send(
              server.port(),
              "POST /features/batch HTTP/1.1\r\nHost: t\r\n"
                  + coding
                  + "\r\n\r\n0\r\n\r\n"
                  + HIDDEN,
              WAIT);

      assertThat(exchange.only().status()).as(coding).isEqualTo(400);
      assertThat(exchange.closed()).as(coding).isTrue();
    }
  }

  @Test
  void repeated_or_malformed_content_lengths_are_400() {
    String[] lengths = {
      "Content-Length: 2\r\nContent-Length: 3",
      "Content-Length: 2, 2",
      "Content-Length: +2",
      "Content-Length: -2",
      "Content-Length: 0x2",
      "Content-Length: 2 2"
    };
    for (String length : lengths) {
      RawHttp.Exchange exchange =
          RawHttp.send(
              server.port(),
              "POST /features/batch HTTP/1.1\r\nHost: t\r\n" + length + "\r\n\r\n[]" + HIDDEN,
              WAIT);

      assertThat(exchange.only().status()).as(length).isEqualTo(400);
      assertThat(exchange.closed()).as(length).isTrue();
    }
  }

  @Test
  void folded_headers_whitespace_before_a_colon_and_a_bare_carriage_return_are_400() {
    String[] headers = {
      "X-Note: a\r\n Transfer-Encoding: chunked",
      "Content-Length : 2",
      "X-Note: a\rContent-Length: 2"
    };
    for (String header : headers) {
      RawHttp.Exchange exchange =
          RawHttp.send(
              server.port(),
              "POST /features/batch HTTP/1.1\r\nHost: t\r\n" + header + "\r\n\r\n[]" + HIDDEN,
              WAIT);

      assertThat(exchange.only().status()).as(header).isEqualTo(400);
      assertThat(exchange.closed()).as(header).isTrue();
    }
  }

  @Test
  void a_well_framed_body_is_still_answered_and_the_connection_kept_for_the_next_request() {
    String batch = "[\"c1\"]";
    String two =
        "POST /features/batch HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: "
            + batch.length()
            + "\r\n\r\n"
            + batch
            + HIDDEN;

    RawHttp.Exchange exchange = RawHttp.send(server.port(), two, Duration.ofSeconds(1));

    assertThat(exchange.answers()).extracting(RawHttp.Answer::status).containsExactly(200, 200);
    assertThat(exchange.answers().get(0).json().path("found").get(0).path("customer_id").asText())
        .isEqualTo("c1");
    assertThat(exchange.answers().get(1).json().path("customer_id").asText()).isEqualTo("c2");
    assertThat(exchange.closed()).as("kept alive").isFalse();
  }
}
