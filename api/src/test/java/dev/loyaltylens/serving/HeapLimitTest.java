package dev.loyaltylens.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.FeatureStatistics;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.VersionStatistics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version whose index cannot fit the heap is refused up front with what it needs and what to set,
 * instead of the server sitting at "loading" for ever; and {@code serve --print-heap} sizes the
 * heap from the manifest.
 */
class HeapLimitTest {

  static final Instant AS_OF = Instant.parse("2026-11-24T00:00:00Z");

  @TempDir Path home;

  @Test
  void a_version_too_large_for_the_heap_fails_loudly_with_the_heap_it_needs() throws Exception {
    // 2,000,000 rows take about 140 MB of index (ids 13 MB, a 4,194,304-slot table 32 MB, six
    // feature columns
    // 64 MB, offsets and hash codes 16 MB): more than a 128 MB heap can give.
    new PublishedFixture(home).publish("v1", AS_OF, PublishedFixture.features(2_000_000, 0));
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m",
            "-Duser.timezone=UTC",
            "-cp",
            System.getProperty("java.class.path"),
            ServeMain.class.getName(),
            "--home",
            home.toString(),
            "--port",
            "0");
    Process serve = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                  log.add(line);
                }
              } catch (java.io.IOException e) {
                log.add(e.toString());
              }
            });
    reader.setDaemon(true);
    reader.start();
    try {
      int port = awaitPort(log);
      ApiClient api = new ApiClient(port);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      JsonNode health = api.get("/health").json();
      while (!health.path("reason").asText().contains("needs about")
          && System.nanoTime() < deadline) {
        Thread.sleep(200);
        health = api.get("/health").json();
      }

      assertThat(health.path("status").asText()).isEqualTo("unavailable");
      assertThat(health.path("reason").asText())
          .contains("version v1 needs about")
          .contains("2,000,000 rows")
          .contains("LOYALTYLENS_API_HEAP=2g")
          .contains("serve --print-heap");
      synchronized (log) {
        assertThat(log)
            .anyMatch(
                line ->
                    line.startsWith("serve: the latest version v1 is not served")
                        && line.contains("LOYALTYLENS_API_HEAP"));
      }
      assertThat(serve.isAlive()).as("still answering, with the reason").isTrue();
    } finally {
      serve.destroy();
      if (!serve.waitFor(10, TimeUnit.SECONDS)) {
        serve.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void print_heap_sizes_the_heap_from_the_latest_version_in_the_manifest() throws Exception {
    assertThat(printHeap()).as("nothing published").isEqualTo("2g");

    // 20,000,000 customers with the six features, ids assumed 40 bytes: ids 800 MB, offsets and
    // hash codes 160 MB,
    // a 33,554,432-slot table 268 MB, two int, three double and one dictionary-coded text column
    // 720 MB, null bits
    // 15 MB: 1,963 MB at the peak of a load. Two of them (the next version loads while this one
    // answers) beside a
    // tenth of the heap kept for requests: 4,397 MB, so 5g.
    List<FeatureColumn> columns =
        List.of(
            new FeatureColumn("recency_days", "INTEGER"),
                new FeatureColumn("frequency_30d", "INTEGER"),
            new FeatureColumn("monetary_90d", "DOUBLE"),
                new FeatureColumn("offer_redemption_rate", "DOUBLE"),
            new FeatureColumn("channel_preference", "VARCHAR"),
                new FeatureColumn("engagement_score", "DOUBLE"));
    Map<String, FeatureStatistics> stats = new LinkedHashMap<>();
    for (FeatureColumn column : columns) {
      stats.put(
          column.name(),
          new FeatureStatistics(
              column.type(),
              20_000_000,
              0,
              0.0,
              null,
              column.type().equals("VARCHAR")
                  ? Map.of("mobile", 11_000_000L, "web", 4_000_000L, "in-store", 5_000_000L)
                  : null));
    }
    new PublishedManifest(
            "big",
            List.of(
                new PublishedVersion(
                    "big",
                    AS_OF,
                    Instant.now(),
                    20_000_000,
                    columns,
                    new VersionStatistics(stats))))
        .write(new PublishedFixture(home).home());

    assertThat(printHeap()).isEqualTo("5g");
  }

  private String printHeap() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        ServeMain.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "--home",
            home.toString(),
            "--print-heap");
    assertThat(code).as(err.toString()).isZero();
    return out.toString().strip();
  }

  private static int awaitPort(List<String> log) throws InterruptedException {
    Pattern listening = Pattern.compile("serve: listening on http://127\\.0\\.0\\.1:(\\d+) ");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (log) {
        for (String line : log) {
          Matcher matcher = listening.matcher(line);
          if (matcher.find()) {
            return Integer.parseInt(matcher.group(1));
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("serve did not start: " + log);
  }
}
