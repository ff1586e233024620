package dev.loyaltylens.materialization;

import static dev.loyaltylens.testing.EventsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.online.FeatureVector;
import dev.loyaltylens.online.OnlineStore;
import dev.loyaltylens.online.OnlineStores;
import dev.loyaltylens.online.OnlineVersion;
import dev.loyaltylens.online.testing.RedisServer;
import dev.loyaltylens.online.testing.TestSnapshots;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import dev.loyaltylens.testing.FileTrees;
import dev.loyaltylens.testing.Project;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * {@code publish}, {@code rollback}, {@code gc} and {@code versions} with {@code --online}, against
 * real Redis that a subclass starts: one server, or a three-master cluster. Three versions v1 to v3
 * (as of T, T + 1 d, T + 2 d) are computed and validated once; each test publishes them on its own
 * copy of that home, into an emptied Redis.
 */
@Tag("redis")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MaterializationContract {

  private Path original;
  private List<String> v;
  private String home;

  abstract void startRedis(Path dir) throws Exception;

  abstract List<RedisServer> nodes();

  abstract void stopRedis();

  /** The servers' address as {@code --online} takes it. */
  abstract String address();

  @BeforeAll
  void computeThreeVersions(@TempDir Path shared) throws Exception {
    startRedis(shared.resolve("redis"));
    Path events = EventsFixture.manyCustomers(shared.resolve("events"), 300, 2);
    original = shared.resolve("home");
    List<String> versions = new ArrayList<>();
    for (int day = 0; day < 3; day++) {
      Cli.Outcome computed =
          Cli.run(
              "compute",
              "--home",
              original.toString(),
              "--events",
              events.toString(),
              "--as-of",
              T.plus(Duration.ofDays(day)).toString());
      assertThat(computed.exitCode()).as(computed.err()).isZero();
      versions.add(computed.lastLine());
      assertThat(
              Cli.run("validate", "--home", original.toString(), "--version", computed.lastLine())
                  .exitCode())
          .isZero();
    }
    v = List.copyOf(versions);
  }

  @AfterAll
  void stop() {
    stopRedis();
  }

  @BeforeEach
  void copyTheHomeIntoAnEmptyRedis(@TempDir Path dir) throws Exception {
    for (RedisServer node : nodes()) {
      try (Jedis jedis = node.jedis()) {
        jedis.flushAll();
      }
    }
    home = FileTrees.copy(original, dir.resolve("home")).toString();
  }

  private Cli.Outcome online(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--home", home, "--online", address()));
    return Cli.run(all.toArray(String[]::new));
  }

  private void publish(String version) {
    Cli.Outcome published = online("publish", "--version", version);
    assertThat(published.exitCode()).as(published.err()).isZero();
  }

  @Test
  void publish_loads_every_vector_counts_them_then_commits_then_points_at_the_version() {
    Cli.Outcome published = online("publish", "--version", v.get(0));

    assertThat(published.exitCode()).as(published.err()).isZero();
    assertThat(published.err())
        .containsSubsequence(
            "publish: loading " + v.get(0) + " into " + address() + ": 300 vectors",
            "publish: " + v.get(0) + " is complete in " + address() + ": 300 vectors counted",
            "publish: " + address() + " now serves " + v.get(0),
            "publish: " + v.get(0) + " is published (300 rows) and is the latest version");
    try (OnlineStore store = OnlineStores.open(address())) {
      assertThat(store.current()).map(OnlineVersion::version).contains(v.get(0));
      assertThat(store.publication().orElseThrow().manifest())
          .isEqualTo(PublishedManifest.read(new StoreHome(Path.of(home))).orElseThrow());
      Map<String, List<Object>> expected =
          new TestSnapshots.Snapshot(new StoreHome(Path.of(home)), v.get(0)).expected();
      Map<String, FeatureVector> held = store.readMany(v.get(0), expected.keySet());
      assertThat(held).hasSize(300);
      expected.forEach((id, values) -> assertThat(held.get(id).values()).as(id).isEqualTo(values));
    }
  }

  @Test
  void
      each_publish_keeps_the_latest_the_previous_and_the_pinned_and_gc_leaves_no_key_of_a_removed_version() {
    publish(v.get(0));
    assertThat(Cli.run("pin", "--home", home, "--version", v.get(0), "--note", "audit").exitCode())
        .isZero();
    publish(v.get(1));
    publish(v.get(2));
    assertThat(held()).containsExactlyInAnyOrder(v.get(0), v.get(1), v.get(2));

    assertThat(Cli.run("pin", "--home", home, "--version", v.get(0), "--remove").exitCode())
        .isZero();
    Cli.Outcome gc = online("gc", "--keep", "1");

    assertThat(gc.exitCode()).as(gc.err()).isZero();
    assertThat(gc.err()).contains("gc: dropped ");
    assertThat(held()).containsExactly(v.get(2));
    for (String removed : List.of(v.get(0), v.get(1))) {
      assertThat(keys("loyaltylens:vectors:" + removed + ":*"))
          .as("vector keys of %s", removed)
          .isZero();
      assertThat(keys("{loyaltylens}:version:" + removed)).as("metadata of %s", removed).isZero();
    }
    assertThat(keys("loyaltylens:vectors:" + v.get(2) + ":*")).isPositive();
    try (OnlineStore store = OnlineStores.open(address())) {
      assertThat(store.publication().orElseThrow().manifest().versions()).hasSize(1);
    }
  }

  @Test
  void rollback_points_redis_at_a_kept_version_and_loads_one_that_was_dropped() {
    publish(v.get(0));
    publish(v.get(1));
    publish(v.get(2));
    assertThat(held()).containsExactlyInAnyOrder(v.get(1), v.get(2));

    Cli.Outcome toPrevious = online("rollback", "--to", v.get(1));

    assertThat(toPrevious.exitCode()).as(toPrevious.err()).isZero();
    assertThat(toPrevious.err())
        .doesNotContain("loading ")
        .contains(address() + " now serves " + v.get(1));
    assertThat(current()).contains(v.get(1));

    Cli.Outcome toDropped = online("rollback", "--to", v.get(0));

    assertThat(toDropped.exitCode()).as(toDropped.err()).isZero();
    assertThat(toDropped.err()).contains("rollback: loading " + v.get(0));
    assertThat(current()).contains(v.get(0));
    assertThat(held()).containsExactlyInAnyOrder(v.get(0), v.get(1));
    try (FeatureStore store = Project.openStore(Path.of(home))) {
      assertThat(store.registry().latestPublished()).map(VersionRecord::version).contains(v.get(0));
    }
    try (OnlineStore store = OnlineStores.open(address())) {
      PublishedManifest kept = store.publication().orElseThrow().manifest();
      assertThat(kept.latest()).isEqualTo(v.get(0));
      assertThat(kept.find(v.get(2)).orElseThrow().isWithdrawn()).isTrue();
    }
  }

  @Test
  void versions_says_which_versions_redis_holds_and_their_memory_per_million_customers() {
    publish(v.get(0));
    publish(v.get(1));

    Cli.Outcome versions = online("versions");

    assertThat(versions.exitCode()).as(versions.err()).isZero();
    assertThat(versions.out())
        .containsPattern("VERSION .* ONLINE +MB PER 1M")
        .containsPattern(v.get(0) + " .* published .* complete +\\d+\\.\\d ")
        .containsPattern(v.get(1) + " .* published .* current +\\d+\\.\\d +<- latest")
        .containsPattern(v.get(2) + " .* validated .* - ")
        .containsPattern(
            "online store "
                + java.util.regex.Pattern.quote(address())
                + ": serves "
                + v.get(1)
                + "; 2 versions held, [0-9.]+ MB used in all");
  }

  @Test
  void a_lost_redis_fails_publish_with_one_line_naming_it_and_the_previous_version_stays_current()
      throws Exception {
    publish(v.get(0));
    int closed = RedisServer.freePort();
    String nowhere = "redis://127.0.0.1:" + closed;

    Cli.Outcome lost =
        Cli.run("publish", "--home", home, "--version", v.get(1), "--online", nowhere);

    assertThat(lost.exitCode()).isEqualTo(1);
    assertThat(lost.err().lines())
        .singleElement()
        .asString()
        .startsWith("error: no Redis answers at " + nowhere + ": ");
    try (FeatureStore store = Project.openStore(Path.of(home))) {
      assertThat(store.registry().latestPublished()).map(VersionRecord::version).contains(v.get(0));
      assertThat(store.registry().require(v.get(1)).isPublished()).isFalse();
    }
    assertThat(PublishedManifest.read(new StoreHome(Path.of(home))).orElseThrow().latest())
        .isEqualTo(v.get(0));
    assertThat(current()).contains(v.get(0));

    publish(v.get(1));
    assertThat(current()).contains(v.get(1));
  }

  @Test
  void versions_lists_the_registry_with_a_warning_when_redis_is_not_there() throws Exception {
    publish(v.get(0));
    String nowhere = "redis://127.0.0.1:" + RedisServer.freePort();

    Cli.Outcome versions = Cli.run("versions", "--home", home, "--online", nowhere);

    assertThat(versions.exitCode()).as(versions.err()).isZero();
    assertThat(versions.err()).startsWith("warning: no Redis answers at " + nowhere);
    assertThat(versions.out()).contains(v.get(0)).doesNotContain("ONLINE");
  }

  @Test
  void any_command_given_the_online_store_repairs_a_pointer_that_lags_the_registry() {
    publish(v.get(0));
    Cli.Outcome offline = Cli.run("publish", "--home", home, "--version", v.get(1));
    assertThat(offline.exitCode()).isZero();
    // v1 is the registry's latest now, but Redis was not told: it still serves v0, a published
    // version.
    assertThat(current()).contains(v.get(0));
    Cli.Outcome load = online("publish", "--version", v.get(1));
    assertThat(load.err()).contains("loading " + v.get(1));

    assertThat(current()).contains(v.get(1));
    try (OnlineStore store = OnlineStores.open(address())) {
      store.makeCurrent(
          new PublishedManifest(
              v.get(0),
              PublishedManifest.read(new StoreHome(Path.of(home))).orElseThrow().versions()));
    }
    Cli.Outcome versions = online("versions");

    assertThat(versions.err()).contains("online: " + address() + " now serves " + v.get(1));
    assertThat(current()).contains(v.get(1));
  }

  @Test
  void killed_between_the_commit_and_the_flip_the_next_command_given_redis_repairs_the_pointer()
      throws Exception {
    publish(v.get(0));
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.timezone=UTC",
                "-Xmx512m",
                "-Dloyaltylens.crash-at=after-commit",
                "-cp",
                System.getProperty("java.class.path"),
                Cli.mainClass().getName(),
                "publish",
                "--home",
                home,
                "--version",
                v.get(1),
                "--online",
                address(),
                "--sql",
                Project.sql().toString(),
                "--migrations",
                Project.migrations().toString(),
                "--memory-limit",
                "1GB")
            .redirectErrorStream(true)
            .start();
    String output =
        new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isEqualTo(137);
    assertThat(output).contains(v.get(1) + " is complete in " + address());
    assertThat(current())
        .as("Redis still serves the previous version, which is published")
        .contains(v.get(0));

    Cli.Outcome pin = online("pin", "--version", v.get(0));

    assertThat(pin.exitCode()).as(pin.err()).isZero();
    assertThat(pin.err())
        .contains("online: " + address() + " now serves " + v.get(1) + ", the registry's latest");
    assertThat(current()).contains(v.get(1));
    try (FeatureStore store = Project.openStore(Path.of(home))) {
      assertThat(store.registry().latestPublished()).map(VersionRecord::version).contains(v.get(1));
    }
  }

  private Optional<String> current() {
    try (OnlineStore store = OnlineStores.open(address())) {
      return store.current().map(OnlineVersion::version);
    }
  }

  private List<String> held() {
    try (OnlineStore store = OnlineStores.open(address())) {
      return store.versions().stream().map(OnlineVersion::version).toList();
    }
  }

  /** Keys matching a pattern on every master, by SCAN. */
  private long keys(String pattern) {
    long count = 0;
    for (RedisServer node : nodes()) {
      try (Jedis jedis = node.jedis()) {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
          ScanResult<String> page =
              jedis.scan(cursor, new ScanParams().match(pattern).count(1_000));
          count += page.getResult().size();
          cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      }
    }
    return count;
  }
}
