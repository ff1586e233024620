package dev.loyaltylens.serving.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyaltylens.serving.PublishedFixture;
import dev.loyaltylens.serving.backend.ServingException;
import dev.loyaltylens.store.FeatureType;
import dev.loyaltylens.store.PublishedVersion;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heap budget of an index is worked out from the same array sizes the index is built with. */
class HeapBudgetTest {

  @TempDir Path home;

  @Test
  void the_budget_of_an_index_is_what_the_built_index_holds_plus_its_hash_codes() throws Exception {
    PublishedVersion version =
        new PublishedFixture(home)
            .publish(
                "v1", Instant.parse("2026-11-24T00:00:00Z"), PublishedFixture.features(10_000, 0));
    FeatureIndex index = IndexLoader.load(new PublishedFixture(home).home(), version, 0);
    // Ids c0 .. c9999: 10 of 2 bytes, 90 of 3, 900 of 4, 9,000 of 5.
    long idBytes = 10 * 2 + 90 * 3 + 900 * 4 + 9_000 * 5;
    List<HeapBudget.Column> columns =
        List.of(
            new HeapBudget.Column(FeatureType.INTEGER, false, 0),
                new HeapBudget.Column(FeatureType.INTEGER, false, 0),
            new HeapBudget.Column(FeatureType.DOUBLE, false, 0),
                new HeapBudget.Column(FeatureType.DOUBLE, false, 0),
            new HeapBudget.Column(FeatureType.TEXT, true, 0),
                new HeapBudget.Column(FeatureType.DOUBLE, false, 0));

    assertThat(HeapBudget.indexBytes(10_000, idBytes, columns))
        .isEqualTo(index.heapBytes() + 4 * 10_000);
  }

  @Test
  void an_index_that_does_not_fit_beside_the_one_serving_is_refused_with_the_heap_to_set() {
    PublishedVersion version =
        new PublishedVersion(
            "v9",
            Instant.parse("2026-11-24T00:00:00Z"),
            Instant.now(),
            20_000_000,
            List.of(),
            dev.loyaltylens.store.VersionStatistics.empty());
    long max = Runtime.getRuntime().maxMemory();

    assertThatThrownBy(() -> HeapBudget.require(version, max / 2, max / 2))
        .isInstanceOf(ServingException.class)
        .hasMessageContaining("version v9 needs about")
        .hasMessageContaining("held by the version it serves")
        .hasMessageContaining("LOYALTYLENS_API_HEAP=");
    HeapBudget.require(version, max / 4, max / 4);
  }
}
