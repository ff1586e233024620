package dev.loyaltylens.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every call of the client against the real service on two published versions. */
class FeatureClientTest {

  static final Instant FIRST_AS_OF = Instant.parse("2026-11-23T00:00:00Z");
  static final Instant SECOND_AS_OF = Instant.parse("2026-11-24T00:00:00Z");
  static final String BATCH = "/features/batch";

  @TempDir static Path home;
  static LiveService service;
  static FeatureClient client;

  @BeforeAll
  static void publishTwoVersionsAndServe() throws Exception {
    service = LiveService.over(home, null);
    service.publish("v1", FIRST_AS_OF, 1_000, 1000);
    service.publish("v2", SECOND_AS_OF, 2_500, 0);
    service.start(0).awaitServing("v2");
    client = FeatureClient.builder(service.url()).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    service.close();
  }

  @Test
  void fetches_one_vector_of_the_latest_version_with_typed_values() {
    FeatureVector vector = client.vector("c8").orElseThrow();

    assertThat(vector.customerId()).isEqualTo("c8");
    assertThat(vector.version()).isEqualTo("v2");
    assertThat(vector.asOf()).isEqualTo(SECOND_AS_OF);
    FeatureValues features = vector.features();
    assertThat(features.names())
        .containsExactly(
            "recency_days",
            "frequency_30d",
            "monetary_90d",
            "channel_preference",
            "engagement_score");
    assertThat(features.intValue("recency_days")).hasValue(8);
    assertThat(features.longValue("frequency_30d")).hasValue(8);
    assertThat(features.doubleValue("monetary_90d")).hasValue(4.0);
    assertThat(features.doubleValue("recency_days"))
        .as("integers read as doubles too")
        .hasValue(8.0);
    assertThat(features.text("channel_preference")).hasValue("in-store");
    assertThat(features.doubleValue("engagement_score")).hasValue(0.008);
  }

  @Test
  void a_missing_value_is_an_empty_optional() {
    FeatureValues features = client.vector("c7").orElseThrow().features();

    assertThat(features.isNull("monetary_90d")).isTrue();
    assertThat(features.doubleValue("monetary_90d")).isEmpty();
    assertThat(features.asMap())
        .containsEntry("monetary_90d", null)
        .containsEntry("recency_days", 7L);
  }

  @Test
  void reading_a_feature_as_the_wrong_type_or_an_unknown_feature_names_it() {
    FeatureValues features = client.vector("c8").orElseThrow().features();

    assertThatThrownBy(() -> features.doubleValue("channel_preference"))
        .isInstanceOf(FeatureTypeException.class)
        .hasMessage(
            "feature `channel_preference` is text (\"in-store\"), not a number: read it with the matching method");
    assertThatThrownBy(() -> features.intValue("monetary_90d"))
        .isInstanceOf(FeatureTypeException.class);
    assertThatThrownBy(() -> features.intValue("purchases_90d"))
        .isInstanceOf(UnknownFeatureException.class)
        .hasMessageStartingWith(
            "feature `purchases_90d` is not in version v2: it has recency_days, frequency_30d");
  }

  @Test
  void an_unknown_customer_is_an_empty_result_not_an_error() {
    assertThat(client.vector("c999999")).isEmpty();
    assertThat(client.vector("c1500", VersionSelector.version("v1")))
        .as("v1 has 1,000 customers")
        .isEmpty();
  }

  @Test
  void fetches_a_given_version_and_the_version_as_of_an_instant() {
    FeatureVector older = client.vector("c7", VersionSelector.version("v1")).orElseThrow();
    Optional<FeatureVector> seenBefore =
        client.vector("c7", VersionSelector.asOf(Instant.parse("2026-11-23T12:00:00Z")));
    Optional<FeatureVector> seenAfter =
        client.vector("c7", VersionSelector.asOf(Instant.parse("2027-01-01T00:00:00Z")));

    assertThat(older.version()).isEqualTo("v1");
    assertThat(older.asOf()).isEqualTo(FIRST_AS_OF);
    assertThat(older.features().intValue("recency_days")).hasValue(1007);
    assertThat(seenBefore).map(FeatureVector::version).hasValue("v1");
    assertThat(seenAfter).map(FeatureVector::version).hasValue("v2");
  }

  @Test
  void an_unpublished_version_is_an_error_asked_once() throws Exception {
    long before = service.answered(BATCH, 404);

    assertThatThrownBy(() -> client.vector("c7", VersionSelector.version("v9")))
        .isInstanceOf(VersionNotFoundException.class)
        .hasMessageContaining("POST " + service.url() + "/features/batch?version=v9 answered 404")
        .hasMessageContaining("version `v9` is not published");
    assertThatThrownBy(
            () ->
                client.batch(
                    List.of("c1"), VersionSelector.asOf(Instant.parse("2020-01-01T00:00:00Z"))))
        .isInstanceOf(VersionNotFoundException.class)
        .hasMessageContaining("no published version is as of 2020-01-01T00:00:00Z");
    assertThat(service.answered(BATCH, 404) - before).as("404 is not retried").isEqualTo(2);
  }

  @Test
  void an_invalid_id_is_rejected_with_400_asked_once() throws Exception {
    long before = service.answered(BATCH, 400);

    assertThatThrownBy(() -> client.vector("bad id"))
        .isInstanceOf(RequestRejectedException.class)
        .hasMessageContaining("answered 400: customer id `bad id` is not valid")
        .extracting(e -> ((RequestRejectedException) e).status())
        .isEqualTo(400);
    assertThat(service.answered(BATCH, 400) - before).as("400 is not retried").isEqualTo(1);
  }

  @Test
  void a_batch_larger_than_the_service_bound_is_split_and_keeps_the_order() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      ids.add("c" + i);
    }
    for (int i = 0; i < 100; i++) {
      ids.add("nobody" + i);
    }
    Collections.shuffle(ids, new Random(7));
    long before = service.answered(BATCH, 200);

    BatchResult batch = client.batch(ids);

    assertThat(service.answered(BATCH, 200) - before)
        .as("2,600 ids in calls of 1,000")
        .isEqualTo(3);
    assertThat(batch.version()).isEqualTo("v2");
    assertThat(batch.found())
        .extracting(FeatureVector::customerId)
        .containsExactlyElementsOf(ids.stream().filter(id -> id.startsWith("c")).toList());
    assertThat(batch.notFound())
        .containsExactlyElementsOf(ids.stream().filter(id -> id.startsWith("n")).toList());
    assertThat(batch.found()).allSatisfy(vector -> assertThat(vector.version()).isEqualTo("v2"));
    assertThat(batch.vector("c2499").orElseThrow().features().intValue("recency_days"))
        .hasValue(2499 % 90);
    assertThat(batch.vector("nobody3")).isEmpty();
  }

  @Test
  void a_batch_split_into_many_parts_fetched_at_once_keeps_the_order() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 999; i >= 0; i--) {
      ids.add("c" + i);
    }
    long before = service.answered(BATCH, 200);

    BatchResult batch;
    try (FeatureClient small =
        FeatureClient.builder(service.url()).batchSize(7).connections(4).build()) {
      batch = small.batch(ids, VersionSelector.version("v1"));
    }

    assertThat(service.answered(BATCH, 200) - before).isEqualTo(143);
    assertThat(batch.version()).isEqualTo("v1");
    assertThat(batch.found()).extracting(FeatureVector::customerId).containsExactlyElementsOf(ids);
    assertThat(batch.found().get(0).features().intValue("recency_days")).hasValue(999 % 90 + 1000);
  }

  @Test
  void an_empty_batch_still_names_the_version() {
    BatchResult batch = client.batch(List.of());

    assertThat(batch.version()).isEqualTo("v2");
    assertThat(batch.found()).isEmpty();
    assertThat(batch.notFound()).isEmpty();
  }

  @Test
  void lists_the_published_versions_newest_first() {
    Versions versions = client.versions();

    assertThat(versions.latest()).isEqualTo("v2");
    assertThat(versions.serving()).isEqualTo("v2");
    assertThat(versions.versions()).extracting(VersionInfo::version).containsExactly("v2", "v1");
    VersionInfo older = versions.versions().get(1);
    assertThat(older.asOf()).isEqualTo(FIRST_AS_OF);
    assertThat(older.rows()).isEqualTo(1_000);
    assertThat(older.latest()).isFalse();
    assertThat(older.columns()).containsEntry("channel_preference", "VARCHAR").hasSize(5);
  }

  @Test
  void health_says_ready_with_the_version_served() {
    Health health = client.health();

    assertThat(health.ready()).isTrue();
    assertThat(health.version()).isEqualTo("v2");
    assertThat(health.rows()).isEqualTo(2_500);
  }

  @Test
  void a_url_that_is_not_the_api_is_an_error_that_says_so() {
    try (FeatureClient wrong = FeatureClient.builder(service.url() + "/api").build()) {
      assertThatThrownBy(() -> wrong.vector("c1"))
          .isInstanceOf(UnexpectedAnswerException.class)
          .hasMessageContaining("answered 404")
          .hasMessageContaining("is " + service.url() + "/api the base URL of a LoyaltyLens API?");
    }
  }

  @Test
  void refuses_settings_the_service_cannot_honour() {
    assertThatThrownBy(() -> FeatureClient.builder(service.url()).batchSize(1_001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 1,000");
    assertThatThrownBy(() -> FeatureClient.builder("127.0.0.1:8080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http://HOST:PORT");
  }
}
