package dev.loyaltylens.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch in many parts comes from one version, even when another is published while it runs. */
class BatchVersionTest {

  @TempDir Path home;

  @Test
  void a_batch_of_the_latest_stays_on_one_version_while_a_new_one_is_published() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      ids.add("c" + i);
    }
    try (LiveService service = LiveService.over(home, null)) {
      service.publish("v1", Instant.parse("2026-11-23T00:00:00Z"), 3_000, 1000);
      service.start(0).awaitServing("v1");
      try (FeatureClient slow =
          FeatureClient.builder(service.url()).batchSize(2).connections(1).build()) {
        long before = service.answered("/features/batch", 200);
        CompletableFuture<BatchResult> batch = CompletableFuture.supplyAsync(() -> slow.batch(ids));
        while (service.answered("/features/batch", 200) < before + 2) {
          Thread.sleep(5);
        }

        service.publish("v2", Instant.parse("2026-11-24T00:00:00Z"), 3_000, 0);
        service.awaitServing("v2");
        assertThat(batch).as("the new version is served while the batch runs").isNotDone();

        BatchResult result = batch.get(60, TimeUnit.SECONDS);
        assertThat(result.version()).isEqualTo("v1");
        assertThat(result.found())
            .hasSize(3_000)
            .allSatisfy(
                vector -> {
                  assertThat(vector.version()).isEqualTo("v1");
                  int row = Integer.parseInt(vector.customerId().substring(1));
                  assertThat(vector.features().intValue("recency_days")).hasValue(row % 90 + 1000);
                });
      }
    }
  }
}
