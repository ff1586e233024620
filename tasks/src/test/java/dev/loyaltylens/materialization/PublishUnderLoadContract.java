package dev.loyaltylens.materialization;

import static dev.loyaltylens.testing.EventsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loyaltylens.online.OnlinePointer;
import dev.loyaltylens.online.OnlineStore;
import dev.loyaltylens.online.OnlineStores;
import dev.loyaltylens.online.testing.TestSnapshots;
import dev.loyaltylens.serving.FeatureServer;
import dev.loyaltylens.serving.ServeSettings;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import dev.loyaltylens.testing.Project;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code publish --online} in another process while 32 connections ask the API in Redis mode for
 * vectors and batches: no request fails, every answer holds the values of the one version it names
 * (v2's recency is v1's plus one day, customer by customer), and the new version is served within 2
 * s of the pointer's flip. A subclass starts the servers: one redis-server, or a three-master
 * cluster.
 */
@Tag("redis")
abstract class PublishUnderLoadContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CONNECTIONS = 32;

  @TempDir Path dir;

  /** Starts the servers; their address as {@code --online} takes it. */
  abstract String startRedis(Path dir) throws Exception;

  /** Kills the servers and deletes their folders. */
  abstract void closeRedis();

  @AfterEach
  void close() {
    closeRedis();
  }

  @Test
  void a_publish_under_32_connections_fails_no_request_and_is_served_within_2_seconds()
      throws Exception {
    Path events = EventsFixture.manyCustomers(dir.resolve("events"), 2_000, 2);
    Path home = dir.resolve("home");
    String address = startRedis(dir.resolve("redis"));
    try (OnlineStore online = OnlineStores.open(address)) {
      String v1 = computeAndValidate(home, events, 0);
      assertThat(
              Cli.run("publish", "--home", home.toString(), "--version", v1, "--online", address)
                  .exitCode())
          .isZero();
      String v2 = computeAndValidate(home, events, 1);
      Map<String, List<Object>> first =
          new TestSnapshots.Snapshot(new StoreHome(home), v1).expected();
      List<String> ids = new ArrayList<>(first.keySet());

      ServeSettings settings =
          new ServeSettings(
              new StoreHome(Files.createDirectories(dir.resolve("empty"))),
              "127.0.0.1",
              0,
              CONNECTIONS,
              Duration.ofMillis(250),
              null,
              address);
      try (FeatureServer api = FeatureServer.start(settings)) {
        assertThat(api.awaitReady(Duration.ofSeconds(30))).isTrue();
        URI base = URI.create("http://127.0.0.1:" + api.port());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong answered = new AtomicLong();
        AtomicLong firstServedNanos = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
          Thread client =
              new Thread(
                  () ->
                      ask(base, ids, first, v1, v2, running, answered, firstServedNanos, failures));
          client.start();
          clients.add(client);
        }
        Thread.sleep(500);

        Process publish =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Duser.timezone=UTC",
                    "-Xmx512m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Cli.mainClass().getName(),
                    "publish",
                    "--home",
                    home.toString(),
                    "--version",
                    v2,
                    "--online",
                    address,
                    "--sql",
                    Project.sql().toString(),
                    "--migrations",
                    Project.migrations().toString(),
                    "--memory-limit",
                    "1GB")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("publish.log").toFile())
                .start();
        AtomicReference<Long> flippedNanos = new AtomicReference<>();
        long flipDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (flippedNanos.get() == null && System.nanoTime() < flipDeadline) {
          if (online.pointer().map(OnlinePointer::version).filter(v2::equals).isPresent()) {
            flippedNanos.set(System.nanoTime());
          } else {
            Thread.sleep(5);
          }
        }
        assertThat(publish.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(publish.exitValue()).as(Files.readString(dir.resolve("publish.log"))).isZero();
        assertThat(flippedNanos.get()).as("Redis points at v2").isNotNull();
        long deadline = flippedNanos.get() + TimeUnit.SECONDS.toNanos(10);
        while (firstServedNanos.get() == 0 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        Thread.sleep(300);
        running.set(false);
        for (Thread client : clients) {
          client.join(30_000);
        }

        assertThat(failures).as("failed or wrong answers").isEmpty();
        assertThat(answered.get()).isGreaterThan(500);
        assertThat(firstServedNanos.get()).as("v2 was served").isPositive();
        assertThat(Duration.ofNanos(firstServedNanos.get() - flippedNanos.get()))
            .as("from the pointer's flip to the first answer from v2")
            .isLessThan(Duration.ofSeconds(2));
      }
    }
  }

  private static String computeAndValidate(Path home, Path events, int day) {
    Cli.Outcome computed =
        Cli.run(
            "compute",
            "--home",
            home.toString(),
            "--events",
            events.toString(),
            "--as-of",
            T.plus(Duration.ofDays(day)).toString());
    assertThat(computed.exitCode()).as(computed.err()).isZero();
    assertThat(
            Cli.run(
                    "validate",
                    "--home",
                    home.toString(),
                    "--version",
                    computed.lastLine(),
                    "--no-drift")
                .exitCode())
        .isZero();
    return computed.lastLine();
  }

  /**
   * One connection's requests until told to stop: single lookups and batches of 20, each checked
   * against v1's values (v2's recency_days is one more, as it is a day later).
   */
  private static void ask(
      URI base,
      List<String> ids,
      Map<String, List<Object>> first,
      String v1,
      String v2,
      AtomicBoolean running,
      AtomicLong answered,
      AtomicLong firstServedNanos,
      ConcurrentLinkedQueue<String> failures) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    boolean sawSecond = false;
    long stop = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (running.get() && System.nanoTime() < stop) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      try {
        HttpResponse<String> response;
        List<String> asked = new ArrayList<>();
        if (random.nextInt(4) == 0) {
          for (int i = 0; i < 20; i++) {
            asked.add(ids.get(random.nextInt(ids.size())));
          }
          response =
              http.send(
                  HttpRequest.newBuilder(base.resolve("/features/batch"))
                      .timeout(Duration.ofSeconds(10))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(asked)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
        } else {
          asked.add(ids.get(random.nextInt(ids.size())));
          response =
              http.send(
                  HttpRequest.newBuilder(base.resolve("/features/" + asked.get(0)))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != 200) {
          failures.add(response.statusCode() + " " + response.body());
          continue;
        }
        JsonNode body = JSON.readTree(response.body());
        String version = body.path("version").asText();
        if (!version.equals(v1) && !version.equals(v2)) {
          failures.add("an answer of an unknown version: " + response.body());
        }
        if (sawSecond && version.equals(v1)) {
          failures.add("back to v1 after v2 on one connection");
        }
        if (version.equals(v2) && !sawSecond) {
          sawSecond = true;
          firstServedNanos.compareAndSet(0, System.nanoTime());
        }
        List<JsonNode> vectors = new ArrayList<>();
        if (body.has("found")) {
          body.path("found").forEach(vectors::add);
        } else {
          vectors.add(body);
        }
        for (JsonNode vector : vectors) {
          String id = vector.path("customer_id").asText();
          int expected = (Integer) first.get(id).get(0) + (version.equals(v2) ? 1 : 0);
          if (vector.path("features").path("recency_days").asInt() != expected) {
            failures.add(
                id
                    + " in an answer of "
                    + version
                    + " has another version's values: "
                    + response.body());
          }
        }
        answered.incrementAndGet();
      } catch (Exception e) {
        failures.add(e.toString());
      }
    }
  }
}
