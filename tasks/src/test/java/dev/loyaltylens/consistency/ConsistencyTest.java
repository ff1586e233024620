package dev.loyaltylens.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loyaltylens.serving.FeatureServer;
import dev.loyaltylens.serving.ServeSettings;
import dev.loyaltylens.serving.lookups.LookupLogSettings;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.Project;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lookups logged while a new version is published: every logged answer matches what the training
 * set gives for its customer and instant, or came from the version before within the measured lag
 * of the publish.
 */
class ConsistencyTest {

  private static final Instant T = Instant.parse("2026-11-24T00:00:00Z");

  @TempDir Path dir;

  private static String[] pipeline(Path home, Instant asOf) {
    return new String[] {
      "pipeline",
      "--home",
      home.toString(),
      "--events",
      "20000",
      "--customers",
      "2000",
      "--as-of",
      asOf.toString()
    };
  }

  @Test
  void every_answer_logged_across_a_publish_is_explained_and_none_differs() throws Exception {
    Path home = dir.resolve("home");
    assertThat(Cli.run(pipeline(home, T)).exitCode()).isZero();
    String first = PublishedManifest.read(new StoreHome(home)).orElseThrow().latest();
    List<String> ids = ids(home, first);
    Instant since = Instant.now();
    ServeSettings settings =
        ServeSettings.local(home)
            .withPollInterval(Duration.ofMillis(100))
            .withLookupLog(
                LookupLogSettings.sample(0.25, 64).withFlushInterval(Duration.ofMillis(200)));
    String second;
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    try (FeatureServer api = FeatureServer.start(settings)) {
      assertThat(api.awaitReady(Duration.ofSeconds(60))).isTrue();
      AtomicBoolean running = new AtomicBoolean(true);
      URI base = URI.create("http://127.0.0.1:" + api.port());
      Thread client = new Thread(() -> ask(base, ids, first, running, failures));
      client.start();
      Thread.sleep(500);

      assertThat(Cli.run(pipeline(home, T.plus(Duration.ofDays(1)))).exitCode()).isZero();
      second = PublishedManifest.read(new StoreHome(home)).orElseThrow().latest();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!second.equals(api.servingVersion()) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(2_000);
      running.set(false);
      client.join(10_000);
    }
    assertThat(failures).isEmpty();

    Cli.Outcome checked =
        Cli.run("consistency", "--home", home.toString(), "--since", since.toString());

    assertThat(checked.exitCode()).as(checked.err()).isZero();
    JsonNode report;
    try (FeatureStore store = Project.openStore(home)) {
      List<JsonNode> runs = ConsistencyRuns.all(store);
      assertThat(runs).hasSize(1);
      report = runs.get(0);
    }
    JsonNode answers = report.path("answers");
    assertThat(answers.path("differ").asLong()).as(report.toString()).isZero();
    assertThat(answers.path("missing").asLong()).as(report.toString()).isZero();
    assertThat(answers.path("matched").asLong()).isGreaterThan(20);
    assertThat(answers.path("lag").asLong())
        .as("answers from %s while %s was in force", first, second)
        .isGreaterThan(10);
    assertThat(report.path("served_versions"))
        .extracting(v -> v.path("version").asText())
        .containsExactly(first, second);
    JsonNode lag = report.path("publish_lags").path(0);
    assertThat(lag.path("version").asText()).isEqualTo(second);
    assertThat(lag.path("lag_ms").asLong()).isBetween(0L, 10_000L);
    assertThat(report.path("features")).hasSize(6);
    report.path("features").forEach(f -> assertThat(f.path("differ").asLong()).isZero());
    assertThat(checked.out())
        .contains("monetary_90d")
        .contains("MATCH")
        .contains("publish lag: " + second);
    assertThat(checked.err()).contains("0 differ, 0 missing");

    Cli.Outcome reported = Cli.run("report", "--home", home.toString(), "--version", second);
    assertThat(reported.exitCode()).as(reported.err()).isZero();
    assertThat(java.nio.file.Files.readString(Path.of(reported.lastLine())))
        .contains(answers.path("matched").asLong() + " matched the training set")
        .contains(", 0 differ, 0 are missing")
        .contains("<td><code>" + second + "</code></td>");

    // An answer that is not what the version holds is named.
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duckdb.createStatement()) {
      statement.execute(
          "copy (select * replace (replace(answer, '\"recency_days\":', '\"recency_days\":1') as answer)"
              + " from read_parquet('"
              + home.resolve("lookups")
              + "/*.parquet') where kind = 'lookup' and version = '"
              + second
              + "' order by requested_at desc limit 1) to '"
              + home.resolve("lookups/lookups-z-altered.parquet")
              + "' (format parquet)");
    }
    Cli.Outcome altered =
        Cli.run("consistency", "--home", home.toString(), "--since", since.toString());
    assertThat(altered.exitCode()).isEqualTo(1);
    assertThat(altered.err())
        .contains("error: 1 of ")
        .contains("logged answers are not explained")
        .contains("(feature recency_days)");
  }

  private static void ask(
      URI base, List<String> ids, String first, AtomicBoolean running, List<String> failures) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long stop = System.nanoTime() + Duration.ofSeconds(240).toNanos();
    for (int i = 0; running.get() && System.nanoTime() < stop; i++) {
      String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
      // mostly the latest, as a model asks; now and then a pinned version or an instant, as a
      // replay asks
      String query =
          i % 10 == 3 ? "?version=" + first : i % 10 == 7 ? "?as_of=" + T.plusSeconds(3600) : "";
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(base.resolve("/features/" + id + query))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 404) {
          failures.add(response.statusCode() + " " + response.body());
        }
      } catch (Exception e) {
        failures.add(e.toString());
      }
    }
  }

  private static List<String> ids(Path home, String version) throws Exception {
    List<String> ids = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      PublishedSnapshots.attach(connection, new StoreHome(home), version, "snapshot");
      try (ResultSet rs = statement.executeQuery("select customer_id from snapshot.features")) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      PublishedSnapshots.detach(connection, "snapshot");
    }
    return ids;
  }
}
