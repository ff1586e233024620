package dev.loyaltylens.publishing;

import static dev.loyaltylens.testing.EventsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.serving.FeatureServer;
import dev.loyaltylens.serving.ServeSettings;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service keeps answering while a whole pipeline (generate, compute, validate, publish) runs in
 * another process on the same home: neither side meets DuckDB's lock, and the new version is served
 * within 5 s.
 */
class ServingDuringPipelineTest {

  @TempDir Path dir;

  private String[] pipeline(Path home, java.time.Instant asOf) {
    return new String[] {
      "pipeline",
      "--home",
      home.toString(),
      "--events",
      "20000",
      "--customers",
      "2000",
      "--as-of",
      asOf.toString(),
      "--sql",
      Project.sql().toString(),
      "--migrations",
      Project.migrations().toString(),
      "--memory-limit",
      "1GB"
    };
  }

  @Test
  void a_pipeline_in_another_process_is_served_without_a_failed_request() throws Exception {
    Path home = dir.resolve("home");
    assertThat(Cli.runRaw(pipeline(home, T)).exitCode()).isZero();
    String first = PublishedManifest.read(new StoreHome(home)).orElseThrow().latest();

    try (FeatureServer api = FeatureServer.start(ServeSettings.local(home))) {
      assertThat(api.awaitReady(Duration.ofSeconds(60))).isTrue();
      URI base = URI.create("http://127.0.0.1:" + api.port());
      String customer = firstCustomer(home, first);
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger answered = new AtomicInteger();
      List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      Thread client = new Thread(() -> ask(base, customer, running, answered, failures));
      client.start();

      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Duser.timezone=UTC",
                  "-cp",
                  System.getProperty("java.class.path"),
                  Cli.mainClass().getName()));
      command.addAll(List.of(pipeline(home, T.plus(Duration.ofDays(1)))));
      Process writer =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("pipeline.log").toFile())
              .start();
      assertThat(writer.waitFor(180, TimeUnit.SECONDS)).isTrue();
      assertThat(writer.exitValue())
          .as(java.nio.file.Files.readString(dir.resolve("pipeline.log")))
          .isZero();

      String second = PublishedManifest.read(new StoreHome(home)).orElseThrow().latest();
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!second.equals(api.servingVersion()) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      running.set(false);
      client.join(10_000);

      assertThat(second).isNotEqualTo(first);
      assertThat(api.servingVersion()).as("served within 5 s of the publish").isEqualTo(second);
      assertThat(failures).isEmpty();
      assertThat(answered.get()).isGreaterThan(100);
    }
  }

  /**
   * A customer of the first version; the generator derives ids from the seed, so the second has it
   * too.
   */
  private static String firstCustomer(Path home, String version) throws Exception {
    try (var connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        var statement = connection.createStatement()) {
      PublishedSnapshots.attach(connection, new StoreHome(home), version, "snapshot");
      try (var rs = statement.executeQuery("select min(customer_id) from snapshot.features")) {
        rs.next();
        return rs.getString(1);
      } finally {
        statement.execute("detach snapshot");
      }
    }
  }

  private static void ask(
      URI base,
      String customer,
      AtomicBoolean running,
      AtomicInteger answered,
      List<String> failures) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long stop = System.nanoTime() + Duration.ofSeconds(240).toNanos();
    while (running.get() && System.nanoTime() < stop) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(base.resolve("/features/" + customer))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          failures.add(response.statusCode() + " " + response.body());
        }
        answered.incrementAndGet();
      } catch (Exception e) {
        failures.add(e.toString());
      }
    }
  }
}
