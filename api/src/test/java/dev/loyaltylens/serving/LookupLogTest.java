package dev.loyaltylens.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyaltylens.UsageException;
import dev.loyaltylens.serving.lookups.LookupLog;
import dev.loyaltylens.serving.lookups.LookupLogSettings;
import dev.loyaltylens.store.StoreHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --log-sample}: answered lookups of sampled customers land in Parquet files in the
 * home.
 */
class LookupLogTest {

  private static final Instant AS_OF = Instant.parse("2026-11-24T00:00:00Z");

  @TempDir Path home;

  @Test
  void sampled_customers_are_logged_every_time_with_the_answer_they_got_and_others_never()
      throws Exception {
    PublishedFixture fixture = new PublishedFixture(home);
    fixture.publish("v1", AS_OF, PublishedFixture.features(2_000, 0));
    ServeSettings settings =
        ServeSettings.local(home)
            .withLookupLog(
                LookupLogSettings.sample(0.1, 16).withFlushInterval(Duration.ofMillis(200)));
    Map<String, String> answers = new LinkedHashMap<>();
    List<String> batchIds =
        List.of("c10", "c11", "c12", "c13", "c14", "c15", "c16", "c17", "c18", "c19");
    LookupLog sampler =
        LookupLog.start(new StoreHome(home.resolve("other")), LookupLogSettings.sample(0.1, 16));
    sampler.close();
    String asOfId =
        Stream.iterate(0, i -> i + 1)
            .map(i -> "c" + i)
            .filter(sampler::sampled)
            .findFirst()
            .orElseThrow();
    try (FeatureServer server = FeatureServer.start(settings)) {
      assertThat(server.awaitReady(Duration.ofSeconds(20))).isTrue();
      ApiClient api = new ApiClient(server.port());
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 1_000; i++) {
          ApiClient.Answer answer = api.get("/features/c" + i);
          assertThat(answer.status()).isEqualTo(200);
          answers.put("c" + i, answer.body());
        }
      }
      assertThat(api.get("/features/" + asOfId + "?as_of=2026-11-25T00:00:00Z").status())
          .isEqualTo(200);
      assertThat(
              api.post("/features/batch", "[\"" + String.join("\",\"", batchIds) + "\"]").status())
          .isEqualTo(200);
    }

    List<String> sampled = answers.keySet().stream().filter(sampler::sampled).toList();
    assertThat(sampled.size()).as("about a tenth of 1,000 customers").isBetween(60, 140);
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duckdb.createStatement()) {
      String files = "read_parquet('" + home.resolve("lookups") + "/*.parquet')";
      Map<String, Integer> times = new LinkedHashMap<>();
      try (ResultSet rs =
          statement.executeQuery(
              "select customer_id, answer, version from "
                  + files
                  + " where kind = 'lookup' and asked = 'latest'")) {
        while (rs.next()) {
          times.merge(rs.getString(1), 1, Integer::sum);
          assertThat(rs.getString(2)).isEqualTo(answers.get(rs.getString(1)));
          assertThat(rs.getString(3)).isEqualTo("v1");
        }
      }
      Map<String, Integer> expected = new LinkedHashMap<>();
      // twice by GET, and once more in the batch
      sampled.forEach(id -> expected.put(id, batchIds.contains(id) ? 3 : 2));
      assertThat(times).containsExactlyInAnyOrderEntriesOf(expected);
      try (ResultSet rs =
          statement.executeQuery(
              "select customer_id, asked_as_of, version from "
                  + files
                  + " where asked = 'as_of'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(asOfId);
        assertThat(rs.getTimestamp(2).toInstant()).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(rs.next()).isFalse();
      }
      try (ResultSet rs =
          statement.executeQuery(
              "select count(*), min(version), max(customer_id) from "
                  + files
                  + " where kind = 'first_served'")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(1);
        assertThat(rs.getString(2)).isEqualTo("v1");
        assertThat(rs.getString(3)).isNull();
      }
    }
  }

  @Test
  void the_log_keeps_within_its_size_by_dropping_its_oldest_files() throws Exception {
    PublishedFixture fixture = new PublishedFixture(home);
    fixture.publish("v1", AS_OF, PublishedFixture.features(20_000, 0));
    ServeSettings settings =
        ServeSettings.local(home)
            .withLookupLog(new LookupLogSettings(1, 1024 * 1024, Duration.ofMillis(50)));
    try (FeatureServer server = FeatureServer.start(settings)) {
      assertThat(server.awaitReady(Duration.ofSeconds(20))).isTrue();
      ApiClient api = new ApiClient(server.port());
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        ids.add("c" + i);
      }
      String body = "[\"" + String.join("\",\"", ids) + "\"]";
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while ((files().isEmpty() || firstFileIsTheFirstWritten()) && System.nanoTime() < deadline) {
        assertThat(api.post("/features/batch", body).status()).isEqualTo(200);
      }
    }
    long total = 0;
    for (Path file : files()) {
      total += Files.size(file);
    }
    assertThat(files()).hasSizeGreaterThan(1);
    assertThat(total).isLessThanOrEqualTo(1024 * 1024);
    assertThat(files().get(0).getFileName().toString()).doesNotEndWith("-000000.parquet");
  }

  @Test
  void a_rate_outside_zero_to_one_is_a_usage_error() {
    assertThatThrownBy(() -> LookupLogSettings.sample(1.5, 16))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--log-sample 1.5 is not a share");
  }

  private boolean firstFileIsTheFirstWritten() throws Exception {
    return files().get(0).getFileName().toString().endsWith("-000000.parquet");
  }

  private List<Path> files() throws Exception {
    if (!Files.isDirectory(home.resolve("lookups"))) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(home.resolve("lookups"))) {
      return files.filter(f -> f.toString().endsWith(".parquet")).sorted().toList();
    }
  }
}
