package dev.loyaltylens.publishing;

import static dev.loyaltylens.testing.EventsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loyaltylens.serving.FeatureServer;
import dev.loyaltylens.serving.ServeSettings;
import dev.loyaltylens.store.EngineSettings;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import dev.loyaltylens.testing.FileTrees;
import dev.loyaltylens.testing.Project;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollback --to V} on three versions published in as-of order, v1 to v3, a day apart:
 * afterwards every reader agrees that V is the one in force, the registry and {@code versions}, the
 * manifest and the API reading it, and lookups by instant (the API's {@code ?as_of=} and {@code
 * training-set}). Each test works on its own copy of the home.
 */
class RollbackTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  static Path events;
  static Path original;
  static List<String> v;

  @TempDir Path dir;
  private String home;

  @BeforeAll
  static void publishThreeVersions() throws Exception {
    events = EventsFixture.manyCustomers(shared.resolve("events"), 40, 2);
    original = shared.resolve("home");
    v =
        Stream.of(0, 1, 2)
            .map(d -> publish(original.toString(), T.plus(Duration.ofDays(d))))
            .toList();
  }

  @BeforeEach
  void copyTheHome() throws Exception {
    home = FileTrees.copy(original, dir.resolve("home")).toString();
  }

  static String publish(String home, Instant asOf) {
    Cli.Outcome computed =
        Cli.run(
            "compute", "--home", home, "--events", events.toString(), "--as-of", asOf.toString());
    assertThat(computed.exitCode()).as(computed.err()).isZero();
    String version = computed.lastLine();
    assertThat(Cli.run("validate", "--home", home, "--version", version, "--no-drift").exitCode())
        .isZero();
    assertThat(Cli.run("publish", "--home", home, "--version", version).exitCode()).isZero();
    return version;
  }

  @Test
  void a_rollback_makes_the_version_the_latest_for_every_reader() throws Exception {
    try (FeatureServer api =
        FeatureServer.start(
            ServeSettings.local(Path.of(home)).withPollInterval(Duration.ofMillis(100)))) {
      assertThat(api.awaitReady(Duration.ofSeconds(30))).isTrue();
      assertThat(api.servingVersion()).isEqualTo(v.get(2));

      Cli.Outcome rollback = Cli.run("rollback", "--home", home, "--to", v.get(0));

      assertThat(rollback.exitCode()).as(rollback.err()).isZero();
      assertThat(rollback.lastLine()).isEqualTo(v.get(0));
      assertThat(rollback.err())
          .contains(v.get(0) + " is the latest version (it was " + v.get(2) + ")")
          .contains("withdrawn from lookups by instant: ");
      try (FeatureStore store = Project.openStore(Path.of(home))) {
        assertThat(store.registry().latestPublished())
            .map(VersionRecord::version)
            .contains(v.get(0));
        assertThat(store.registry().require(v.get(1)).isWithdrawn()).isTrue();
        assertThat(store.registry().require(v.get(2)).isWithdrawn()).isTrue();
        assertThat(store.registry().require(v.get(2)).isPublished())
            .as("still published, readable by id")
            .isTrue();
      }
      PublishedManifest manifest =
          PublishedManifest.read(new StoreHome(Path.of(home))).orElseThrow();
      assertThat(manifest.latest()).isEqualTo(v.get(0));
      assertThat(manifest.inForceAt(T.plus(Duration.ofDays(30))))
          .map(PublishedVersion::version)
          .contains(v.get(0));
      assertThat(manifest.inForceCandidates())
          .extracting(PublishedVersion::version)
          .containsExactly(v.get(0));
      assertThat(Cli.run("versions", "--home", home).out())
          .containsPattern(v.get(0) + " .* published .*<- latest")
          .containsPattern(v.get(2) + " .* published .* withdrawn by a rollback at ");

      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!v.get(0).equals(api.servingVersion()) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(api.servingVersion()).isEqualTo(v.get(0));
      String customer = "customer-00001";
      assertThat(get(api, "/features/" + customer).path("version").asText()).isEqualTo(v.get(0));
      assertThat(
              get(api, "/features/" + customer + "?as_of=" + T.plus(Duration.ofDays(5)))
                  .path("version")
                  .asText())
          .isEqualTo(v.get(0));
      assertThat(
              get(api, "/features/" + customer + "?version=" + v.get(2)).path("version").asText())
          .isEqualTo(v.get(2));
    }

    Path labels =
        Files.write(
            dir.resolve("labels.csv"),
            List.of(
                "customer_id,label_ts",
                "customer-00001," + T.plus(Duration.ofDays(2)).plusSeconds(3600)));
    Cli.Outcome training =
        Cli.run(
            "training-set",
            "--home",
            home,
            "--labels",
            labels.toString(),
            "--out",
            dir.resolve("train.parquet").toString());
    assertThat(training.exitCode()).as(training.err()).isZero();
    assertThat(featureVersion(dir.resolve("train.parquet"))).isEqualTo(v.get(0));
  }

  @Test
  void a_rollback_to_a_withdrawn_version_brings_it_back_and_gc_keeps_the_latest_made_current() {
    assertThat(Cli.run("rollback", "--home", home, "--to", v.get(0)).exitCode()).isZero();

    Cli.Outcome back = Cli.run("rollback", "--home", home, "--to", v.get(2));

    assertThat(back.exitCode()).as(back.err()).isZero();
    assertThat(back.err())
        .contains(v.get(2) + " is the latest version (it was " + v.get(0) + ")")
        .doesNotContain("withdrawn from");
    PublishedManifest manifest = PublishedManifest.read(new StoreHome(Path.of(home))).orElseThrow();
    assertThat(manifest.latest()).isEqualTo(v.get(2));
    assertThat(manifest.inForceAt(T.plus(Duration.ofDays(30))))
        .map(PublishedVersion::version)
        .contains(v.get(2));
    assertThat(manifest.inForceAt(T.plus(Duration.ofDays(1))))
        .as("only the version rolled back to comes back")
        .map(PublishedVersion::version)
        .contains(v.get(0));

    Cli.Outcome gc = Cli.run("gc", "--home", home, "--keep", "2");
    assertThat(gc.out())
        .containsPattern("KEEP +" + v.get(2) + " .* latest")
        .containsPattern("KEEP +" + v.get(0) + " .* among the 2 most recently made current")
        .containsPattern("REMOVE +" + v.get(1));
  }

  @Test
  void refuses_a_version_that_is_not_published_with_one_line() {
    Cli.run("gc", "--home", home, "--keep", "1");
    String candidate =
        Cli.run(
                "compute",
                "--home",
                home,
                "--events",
                events.toString(),
                "--as-of",
                T.plus(Duration.ofDays(3)).toString())
            .lastLine();

    Cli.Outcome removed = Cli.run("rollback", "--home", home, "--to", v.get(0));
    Cli.Outcome computed = Cli.run("rollback", "--home", home, "--to", candidate);
    Cli.Outcome unknown = Cli.run("rollback", "--home", home, "--to", "v20991231T000000Z-00000000");

    assertThat(removed.exitCode()).isEqualTo(1);
    assertThat(removed.err().strip())
        .startsWith("error: version " + v.get(0) + " was removed by retention at ")
        .endsWith("cannot be made current again: compute, validate and publish it again");
    assertThat(computed.exitCode()).isEqualTo(1);
    assertThat(computed.err().strip())
        .isEqualTo(
            "error: version "
                + candidate
                + " is computed, not published: only a"
                + " published version can be rolled back to; run `versions` to list them");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err().lines()).hasSize(1);
    try (FeatureStore store = Project.openStore(Path.of(home))) {
      assertThat(store.registry().latestPublished()).map(VersionRecord::version).contains(v.get(2));
    }
  }

  @Test
  void a_store_made_before_rollbacks_keeps_its_latest_after_the_upgrade() throws Exception {
    Path oldMigrations = Files.createDirectories(dir.resolve("migrations-v2"));
    for (String name : List.of("V1__features_and_registry.sql", "V2__pins_and_retention.sql")) {
      Files.copy(Project.migrations().resolve(name), oldMigrations.resolve(name));
    }
    Path old = dir.resolve("old");
    try (FeatureStore store =
        FeatureStore.open(new StoreHome(old), oldMigrations, new EngineSettings("1GB", 2))) {
      for (String row :
          List.of(
              "('v20261124T000000Z-0000000a', timestamp '2026-11-25 02:00:00')",
              "('v20261125T000000Z-0000000b', timestamp '2026-11-25 01:00:00')")) {
        store
            .handle()
            .execute(
                "insert into feature_registry (version, as_of, lookback_days, status, row_count,"
                    + " sql_hash, input_fingerprint, input_location, staging_report, created_at, published_at)"
                    + " select v, timestamp '2026-11-24', 180, 'published', 0, 'h', 'f', '/events', '{}',"
                    + " timestamp '2026-11-24 01:00:00', p from (values "
                    + row
                    + ") t(v, p)");
      }
    }

    try (FeatureStore store = Project.openStore(old)) {
      assertThat(store.registry().latestPublished())
          .map(VersionRecord::version)
          .as("published last, whatever its id")
          .contains("v20261124T000000Z-0000000a");
      assertThat(store.registry().require("v20261124T000000Z-0000000a").currentSince())
          .isEqualTo(Instant.parse("2026-11-25T02:00:00Z"));
    }
  }

  private static JsonNode get(FeatureServer api, String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String featureVersion(Path parquet) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("select feature_version from read_parquet('" + parquet + "')")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
