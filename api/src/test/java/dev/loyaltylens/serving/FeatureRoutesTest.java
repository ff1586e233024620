package dev.loyaltylens.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route of SPEC section 6 over HTTP, against a real server on two published versions. */
class FeatureRoutesTest {

  static final Instant FIRST_AS_OF = Instant.parse("2026-11-23T00:00:00Z");
  static final Instant SECOND_AS_OF = Instant.parse("2026-11-24T00:00:00Z");

  @TempDir static Path home;
  static FeatureServer server;
  static ApiClient api;

  @BeforeAll
  static void publishTwoVersionsAndServe() throws Exception {
    PublishedFixture fixture = new PublishedFixture(home);
    fixture.publish("v1", FIRST_AS_OF, PublishedFixture.features(1_000, 1000));
    fixture.publish("v2", SECOND_AS_OF, PublishedFixture.features(1_200, 0));
    server = FeatureServer.start(ServeSettings.local(home));
    assertThat(server.awaitReady(Duration.ofSeconds(20))).isTrue();
    api = new ApiClient(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void serves_the_latest_vector_with_its_version() {
    ApiClient.Answer answer = api.get("/features/c7");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    JsonNode vector = answer.json();
    assertThat(vector.path("customer_id").asText()).isEqualTo("c7");
    assertThat(vector.path("version").asText()).isEqualTo("v2");
    assertThat(vector.path("as_of").asText()).isEqualTo("2026-11-24T00:00:00Z");
    JsonNode features = vector.path("features");
    assertThat(features.path("recency_days").asInt()).isEqualTo(7);
    assertThat(features.path("frequency_30d").asInt()).isEqualTo(7);
    assertThat(features.path("monetary_90d").isNull())
        .as("every 50th monetary_90d is null")
        .isTrue();
    assertThat(features.path("offer_redemption_rate").asDouble()).isEqualTo(0.7);
    assertThat(features.path("channel_preference").asText()).isEqualTo("web");
    assertThat(features.path("engagement_score").asDouble()).isEqualTo(0.007);
  }

  @Test
  void features_keep_the_snapshot_column_order() {
    JsonNode features = api.get("/features/c8").json().path("features");

    assertThat(features.fieldNames())
        .toIterable()
        .containsExactly(
            "recency_days",
            "frequency_30d",
            "monetary_90d",
            "offer_redemption_rate",
            "channel_preference",
            "engagement_score");
    assertThat(features.path("monetary_90d").asDouble()).isEqualTo(4.0);
  }

  @Test
  void stats_route_is_not_captured_as_a_customer_id() {
    ApiClient.Answer answer = api.get("/features/stats");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode stats = answer.json();
    assertThat(stats.path("version").asText()).isEqualTo("v2");
    assertThat(stats.path("rows").asLong()).isEqualTo(1_200);
    assertThat(stats.path("features").path("monetary_90d").path("nulls").asLong()).isEqualTo(24);
    assertThat(stats.path("features").path("channel_preference").path("type").asText())
        .isEqualTo("VARCHAR");
  }

  @Test
  void rejects_an_id_that_breaks_the_id_rule_with_400() {
    for (String bad : new String[] {"c%207", "c.7", "%C3%A9t%C3%A9", "x".repeat(65)}) {
      ApiClient.Answer answer = api.get("/features/" + bad);

      assertThat(answer.status()).as(bad).isEqualTo(400);
      assertThat(answer.json().path("error").asText()).contains("is not valid");
    }
  }

  @Test
  void accepts_an_id_of_64_characters_and_answers_404_when_unknown() {
    ApiClient.Answer answer = api.get("/features/" + "A-z_9".repeat(12) + "abcd");

    assertThat(answer.status()).isEqualTo(404);
  }

  @Test
  void rejects_an_unknown_customer_with_404() {
    ApiClient.Answer answer = api.get("/features/c999999");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith("application/json");
    assertThat(answer.json().path("error").asText())
        .isEqualTo("customer `c999999` is not in version v2");
  }

  @Test
  void serves_an_older_version_from_its_snapshot() {
    JsonNode vector = api.get("/features/c7?version=v1").json();

    assertThat(vector.path("version").asText()).isEqualTo("v1");
    assertThat(vector.path("as_of").asText()).isEqualTo("2026-11-23T00:00:00Z");
    assertThat(vector.path("features").path("recency_days").asInt()).isEqualTo(1007);
    assertThat(vector.path("features").path("channel_preference").asText()).isEqualTo("web");
    assertThat(api.get("/features/c1100?version=v1").status())
        .as("v1 has 1,000 customers")
        .isEqualTo(404);
    assertThat(api.get("/features/c1100?version=v2").status()).isEqualTo(200);
  }

  @Test
  void an_older_version_answers_the_same_json_as_the_index_would() {
    String fromIndex = api.get("/features/c8").body();
    String fromSnapshot = api.get("/features/c8?version=v2").body();

    assertThat(fromSnapshot).isEqualTo(fromIndex);
  }

  @Test
  void rejects_an_unpublished_version_with_404() {
    ApiClient.Answer answer = api.get("/features/c7?version=v9");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().path("error").asText()).contains("version `v9` is not published");
  }

  @Test
  void as_of_answers_the_version_a_model_saw_at_that_instant() {
    assertThat(api.get("/features/c7?as_of=2026-11-23T12:00:00Z").json().path("version").asText())
        .isEqualTo("v1");
    assertThat(api.get("/features/c7?as_of=2026-11-24T00:00:00Z").json().path("version").asText())
        .isEqualTo("v2");
    assertThat(api.get("/features/c7?as_of=2027-01-01T00:00:00Z").json().path("version").asText())
        .isEqualTo("v2");
    assertThat(api.get("/features/c7?as_of=2026-11-23").json().path("version").asText())
        .isEqualTo("v1");
  }

  @Test
  void as_of_before_every_version_is_404_and_a_malformed_one_400() {
    ApiClient.Answer before = api.get("/features/c7?as_of=2026-11-22T23:59:59Z");
    ApiClient.Answer malformed = api.get("/features/c7?as_of=yesterday");
    ApiClient.Answer both = api.get("/features/c7?as_of=2026-11-24T00:00:00Z&version=v1");

    assertThat(before.status()).isEqualTo(404);
    assertThat(before.json().path("error").asText()).contains("no published version is as of");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(both.status()).isEqualTo(400);
  }

  @Test
  void batch_answers_found_vectors_and_the_ids_not_found() {
    ApiClient.Answer answer = api.post("/features/batch", "[\"c1\", \"nobody\", \"c2\"]");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode batch = answer.json();
    assertThat(batch.path("version").asText()).isEqualTo("v2");
    assertThat(batch.path("found")).hasSize(2);
    assertThat(batch.path("found").get(0).path("customer_id").asText()).isEqualTo("c1");
    assertThat(batch.path("found").get(1).path("features").path("recency_days").asInt())
        .isEqualTo(2);
    assertThat(batch.path("not_found")).extracting(JsonNode::asText).containsExactly("nobody");
  }

  @Test
  void batch_accepts_an_object_with_customer_ids_and_an_older_version() {
    JsonNode batch =
        api.post("/features/batch?version=v1", "{\"customer_ids\": [\"c3\", \"c1100\"]}").json();

    assertThat(batch.path("version").asText()).isEqualTo("v1");
    assertThat(batch.path("found").get(0).path("features").path("recency_days").asInt())
        .isEqualTo(1003);
    assertThat(batch.path("not_found")).extracting(JsonNode::asText).containsExactly("c1100");
  }

  @Test
  void batch_of_1000_ids_is_answered_and_1001_is_413() {
    String thousand = ids(1_000);
    String tooMany = ids(1_001);

    ApiClient.Answer answered = api.post("/features/batch", thousand);
    ApiClient.Answer refused = api.post("/features/batch", tooMany);

    assertThat(answered.status()).isEqualTo(200);
    assertThat(answered.json().path("found")).hasSize(1_000);
    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.json().path("error").asText()).contains("at most 1,000 customer ids");
  }

  @Test
  void batch_body_too_large_is_413_before_it_is_parsed() {
    String huge = "[\"" + "c".repeat(300 * 1024) + "\"]";

    assertThat(api.post("/features/batch", huge).status()).isEqualTo(413);
  }

  @Test
  void batch_that_is_not_a_list_of_valid_ids_is_400() {
    assertThat(api.post("/features/batch", "not json").status()).isEqualTo(400);
    assertThat(api.post("/features/batch", "{\"ids\": []}").status()).isEqualTo(400);
    assertThat(api.post("/features/batch", "[1, 2]").status()).isEqualTo(400);
    assertThat(api.post("/features/batch", "[\"c1\", \"bad id\"]").status()).isEqualTo(400);
  }

  @Test
  void versions_lists_the_published_versions_newest_first() {
    JsonNode body = api.get("/versions").json();

    assertThat(body.path("latest").asText()).isEqualTo("v2");
    assertThat(body.path("serving").asText()).isEqualTo("v2");
    JsonNode versions = body.path("versions");
    assertThat(versions).extracting(v -> v.path("version").asText()).containsExactly("v2", "v1");
    assertThat(versions.get(0).path("latest").asBoolean()).isTrue();
    assertThat(versions.get(1).path("latest").asBoolean()).isFalse();
    assertThat(versions.get(1).path("as_of").asText()).isEqualTo("2026-11-23T00:00:00Z");
    assertThat(versions.get(1).path("rows").asLong()).isEqualTo(1_000);
    assertThat(versions.get(0).path("published_at").asText()).isNotEmpty();
  }

  @Test
  void replies_do_not_name_the_server() {
    for (ApiClient.Answer answer :
        new ApiClient.Answer[] {
          api.get("/features/c7"),
          api.get("/health"),
          api.get("/nothing/here"),
          api.get("/features/c.7")
        }) {
      assertThat(answer.headers().firstValue("Server")).as(answer.body()).isEmpty();
    }
  }

  @Test
  void health_is_ready_with_the_loaded_version() {
    ApiClient.Answer answer = api.get("/health");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("status").asText()).isEqualTo("ready");
    assertThat(answer.json().path("version").asText()).isEqualTo("v2");
  }

  @Test
  void metrics_count_requests_per_route_and_status_in_prometheus_text() {
    api.get("/features/c1");
    api.get("/features/nobody");

    ApiClient.Answer answer = api.get("/metrics");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("text/plain; version=0.0.4");
    assertThat(answer.body())
        .contains("# TYPE loyaltylens_http_requests_total counter")
        .containsPattern(
            "loyaltylens_http_requests_total\\{route=\"/features/:customer_id\",status=\"200\"} \\d+")
        .containsPattern(
            "loyaltylens_http_requests_total\\{route=\"/features/:customer_id\",status=\"404\"} \\d+")
        .contains(
            "loyaltylens_http_request_duration_seconds_bucket{route=\"/features/:customer_id\",le=\"+Inf\"}")
        .contains(
            "loyaltylens_serving_version_info{as_of=\"2026-11-24T00:00:00Z\",version=\"v2\"} 1")
        .contains("loyaltylens_serving_rows 1200");
  }

  @Test
  void an_unknown_route_is_a_json_404() {
    ApiClient.Answer get = api.get("/nothing/here");
    ApiClient.Answer delete = api.send("DELETE", "/features/c1");
    ApiClient.Answer trailing = api.get("/features/c1/");

    assertThat(get.status()).isEqualTo(404);
    assertThat(get.json().path("error").asText()).startsWith("no route for GET /nothing/here");
    assertThat(delete.status()).isEqualTo(404);
    assertThat(trailing.status()).isEqualTo(404);
  }

  @Test
  void errors_carry_a_message_and_never_a_stack_trace() {
    ApiClient.Answer answer = api.post("/features/batch", "[");

    assertThat(answer.json().fieldNames()).toIterable().containsExactly("error");
    assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static String ids(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "\"c" + i + "\"")
        .collect(Collectors.joining(",", "[", "]"));
  }
}
