package dev.loyaltylens.serving.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loyaltylens.serving.PublishedFixture;
import dev.loyaltylens.serving.backend.ServedVersion;
import dev.loyaltylens.serving.backend.ServingException;
import dev.loyaltylens.serving.json.BatchJson;
import dev.loyaltylens.serving.json.JsonOut;
import dev.loyaltylens.serving.snapshots.SnapshotReader;
import dev.loyaltylens.store.PublishedVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading snapshots into the in-memory index: every row at its place, every column type, clear
 * failures.
 */
class IndexLoaderTest {

  static final Instant AS_OF = Instant.parse("2026-11-24T00:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  @Test
  void every_row_is_found_with_its_own_features_across_row_groups() throws Exception {
    // DuckDB stores 122,880 rows a row group: 300,000 rows span three, read in whatever order
    // DuckDB likes.
    PublishedVersion version =
        new PublishedFixture(home).publish("v1", AS_OF, PublishedFixture.features(300_000, 0));

    FeatureIndex index = IndexLoader.load(new PublishedFixture(home).home(), version, 0);

    assertThat(index.rows()).isEqualTo(300_000);
    Random random = new Random(7);
    for (int n = 0; n < 5_000; n++) {
      int i = n < 2 ? n * 299_999 : random.nextInt(300_000);
      int row = index.find("c" + i);
      assertThat(row).as("c" + i).isNotNegative();
      JsonNode features = features(index, row);
      assertThat(features.path("recency_days").asInt()).as("c" + i).isEqualTo(i % 90);
      assertThat(features.path("frequency_30d").asInt()).isEqualTo(i % 20);
      assertThat(features.path("engagement_score").asDouble()).isEqualTo((i % 1000) / 1000.0);
      assertThat(features.path("channel_preference").asText())
          .isEqualTo(List.of("mobile", "web", "in-store").get(i % 3));
      if (i % 50 == 7) {
        assertThat(features.path("monetary_90d").isNull()).isTrue();
      } else {
        assertThat(features.path("monetary_90d").asDouble()).isEqualTo(i * 0.5);
      }
    }
    assertThat(index.find("c300000")).isEqualTo(-1);
    assertThat(index.find("")).isEqualTo(-1);
  }

  @Test
  void columns_of_every_type_are_served_and_other_types_as_text() throws Exception {
    PublishedFixture fixture = new PublishedFixture(home);
    PublishedVersion version =
        fixture.publish(
            "v1",
            AS_OF,
            """
        select 'id' || i as customer_id,
               (i * 10000000000)::bigint as big,
               (i % 2 = 0) as flag,
               (i % 1000)::smallint as small,
               (i / 4)::decimal(10, 2) as money,
               date '2026-01-01' + i::integer as day,
               case i when 0 then 'say "hi"' when 1 then 'naïve ☕' else 'tab\tand\\slash' end as note,
               'unique-' || i as many,
               case when i = 3 then null end::integer as empty
        from range(70000) t(i)
        """);

    FeatureIndex index = IndexLoader.load(fixture.home(), version, 0);
    JsonNode first = features(index, index.find("id0"));
    JsonNode second = features(index, index.find("id1"));
    JsonNode third = features(index, index.find("id3"));

    assertThat(first.path("big").isIntegralNumber()).isTrue();
    assertThat(second.path("big").asLong()).isEqualTo(10_000_000_000L);
    assertThat(first.path("flag").asBoolean()).isTrue();
    assertThat(second.path("flag").asBoolean()).isFalse();
    assertThat(second.path("small").asInt()).isEqualTo(1);
    assertThat(second.path("money").asDouble()).isEqualTo(0.25);
    assertThat(second.path("day").asText()).isEqualTo("2026-01-02");
    assertThat(first.path("note").asText()).isEqualTo("say \"hi\"");
    assertThat(second.path("note").asText()).isEqualTo("naïve ☕");
    assertThat(third.path("note").asText()).isEqualTo("tab\tand\\slash");
    assertThat(third.path("many").asText())
        .as("over 65,536 values, so not a dictionary")
        .isEqualTo("unique-3");
    assertThat(third.path("empty").isNull()).isTrue();
    assertThat(first.path("empty").isNull()).isTrue();
  }

  @Test
  void index_and_snapshot_write_the_same_json() throws Exception {
    PublishedFixture fixture = new PublishedFixture(home);
    PublishedVersion version = fixture.publish("v1", AS_OF, PublishedFixture.features(100, 0));
    FeatureIndex index = IndexLoader.load(fixture.home(), version, 0);

    try (SnapshotReader reader = new SnapshotReader(fixture.home())) {
      ServedVersion fromFile = reader.version(version);
      for (String id : List.of("c0", "c7", "c57", "c99")) {
        JsonOut fromIndex = new JsonOut(16);
        assertThat(index.writeVector(id, fromIndex)).isTrue();
        JsonOut fromSnapshot = new JsonOut(16);
        assertThat(fromFile.writeVector(id, fromSnapshot)).isTrue();

        assertThat(new String(fromSnapshot.toBytes(), StandardCharsets.UTF_8))
            .isEqualTo(new String(fromIndex.toBytes(), StandardCharsets.UTF_8));
      }
      BatchJson indexBatch = new BatchJson(version, new JsonOut(16));
      index.writeBatch(List.of("c7", "nobody"), indexBatch);
      BatchJson fileBatch = new BatchJson(version, new JsonOut(16));
      fromFile.writeBatch(List.of("c7", "nobody"), fileBatch);

      String batch = new String(fileBatch.finish(), StandardCharsets.UTF_8);
      assertThat(batch).isEqualTo(new String(indexBatch.finish(), StandardCharsets.UTF_8));
      assertThat(JSON.readTree(batch).path("not_found"))
          .extracting(JsonNode::asText)
          .containsExactly("nobody");
      assertThat(JSON.readTree(batch).path("found").get(0).path("customer_id").asText())
          .isEqualTo("c7");
    }
  }

  @Test
  void a_missing_snapshot_fails_naming_the_file() throws Exception {
    PublishedFixture fixture = new PublishedFixture(home);
    PublishedVersion version = fixture.publish("v1", AS_OF, PublishedFixture.features(10, 0));
    PublishedVersion missing =
        new PublishedVersion(
            "v2", AS_OF, Instant.now(), 10, version.columns(), version.statistics());

    assertThatThrownBy(() -> IndexLoader.load(fixture.home(), missing, 0))
        .isInstanceOf(ServingException.class)
        .hasMessageContaining("v2.duckdb")
        .hasMessageContaining("does not exist");
  }

  @Test
  void a_snapshot_without_customer_ids_fails_with_the_reason() throws Exception {
    PublishedFixture fixture = new PublishedFixture(home);
    PublishedVersion version =
        fixture.writeSnapshot("v1", AS_OF, "select 'c1' as customer_id, 1 as x");
    fixture.writeSnapshot(
        "v2", AS_OF, "select 'c1' as customer_id, 1 as x union all select null, 2");
    PublishedVersion noIds =
        new PublishedVersion(
            "v2", AS_OF, Instant.now(), 2, version.columns(), version.statistics());

    assertThatThrownBy(() -> IndexLoader.load(fixture.home(), noIds, 0))
        .isInstanceOf(ServingException.class)
        .hasMessageContaining("rows without a customer_id");
  }

  @Test
  void a_snapshot_holding_a_customer_twice_fails() throws Exception {
    PublishedFixture fixture = new PublishedFixture(home);
    PublishedVersion twice =
        fixture.writeSnapshot(
            "v1", AS_OF, "select 'c' || (i % 5) as customer_id, i as x from range(10) t(i)");

    assertThatThrownBy(() -> IndexLoader.load(fixture.home(), twice, 0))
        .isInstanceOf(ServingException.class)
        .hasMessageContaining("twice");
  }

  private static JsonNode features(FeatureIndex index, int row) throws Exception {
    JsonOut out = new JsonOut(16);
    index.writeFeatures(row, out);
    return JSON.readTree(out.toBytes());
  }
}
