package dev.loyaltylens.materialization;

import static dev.loyaltylens.testing.EventsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyaltylens.online.FeatureVector;
import dev.loyaltylens.online.OnlineStore;
import dev.loyaltylens.online.OnlineStores;
import dev.loyaltylens.online.OnlineVersion;
import dev.loyaltylens.online.VersionNotOnlineException;
import dev.loyaltylens.online.testing.RedisServer;
import dev.loyaltylens.online.testing.TestSnapshots;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import dev.loyaltylens.testing.Project;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code publish --online} in a JVM of its own, killed ({@code kill -9}) at random points once it
 * started loading: Redis never points at a version the registry does not call published, a partly
 * loaded version is never read, and publishing again completes the job.
 */
@Tag("redis")
class PublishKilledDuringLoadTest {

  private static final int CUSTOMERS = 20_000;

  @TempDir Path dir;

  @Test
  void a_publish_killed_while_loading_never_shows_a_partial_version_and_a_rerun_completes()
      throws Exception {
    Path events = EventsFixture.manyCustomers(dir.resolve("events"), CUSTOMERS, 1);
    Path home = dir.resolve("home");
    try (RedisServer redis = RedisServer.start(dir.resolve("redis"))) {
      String v1 = computeAndValidate(home, events, 0);
      Cli.Outcome first =
          Cli.run(
              "publish", "--home", home.toString(), "--version", v1, "--online", redis.address());
      assertThat(first.exitCode()).as(first.err()).isZero();
      String v2 = computeAndValidate(home, events, 1);
      List<String> someIds =
          new TestSnapshots.Snapshot(new StoreHome(home), v1).ids().subList(0, 20);

      long seed = System.nanoTime();
      Random random = new Random(seed);
      for (int kill = 0; kill < 3; kill++) {
        long delayMillis = random.nextInt(1_000);
        Process child = publishInChildJvm(home, v2, redis.address());
        try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("publish: loading " + v2)) {
              Thread.sleep(delayMillis);
              break;
            }
          }
          child.destroyForcibly();
          assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        String when = "killed " + delayMillis + " ms into loading (seed " + seed + ")";

        String registryLatest = registryLatest(home);
        try (OnlineStore store = OnlineStores.open(redis.address())) {
          String current = store.current().map(OnlineVersion::version).orElseThrow();
          assertThat(List.of(v1, v2)).as(when).contains(current);
          if (current.equals(v2)) {
            assertThat(registryLatest)
                .as("%s: Redis serves v2 only once the registry calls it published", when)
                .isEqualTo(v2);
          }
          if (registryLatest.equals(v1)) {
            assertThat(current).as(when).isEqualTo(v1);
          }
          Optional<OnlineVersion> loaded = store.find(v2);
          if (loaded.isPresent() && !loaded.get().isComplete()) {
            assertThatThrownBy(() -> store.readMany(v2, someIds))
                .as(when)
                .isInstanceOf(VersionNotOnlineException.class);
          }
          assertThat(store.readMany(current, someIds)).as(when).hasSize(someIds.size());
        }
      }

      Process rerun = publishInChildJvm(home, v2, redis.address());
      String output = new String(rerun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(rerun.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(rerun.exitValue()).as(output).isZero();
      assertThat(registryLatest(home)).isEqualTo(v2);
      assertThat(PublishedManifest.read(new StoreHome(home)).orElseThrow().latest()).isEqualTo(v2);
      Map<String, List<Object>> expected =
          new TestSnapshots.Snapshot(new StoreHome(home), v2).expected();
      try (OnlineStore store = OnlineStores.open(redis.address())) {
        assertThat(store.current()).map(OnlineVersion::version).contains(v2);
        List<String> ids = new ArrayList<>(expected.keySet());
        for (int from = 0; from < ids.size(); from += 1_000) {
          List<String> part = ids.subList(from, Math.min(ids.size(), from + 1_000));
          Map<String, FeatureVector> held = store.readMany(v2, part);
          assertThat(held).hasSize(part.size());
          part.forEach(id -> assertThat(held.get(id).values()).as(id).isEqualTo(expected.get(id)));
        }
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

  private static String registryLatest(Path home) {
    try (FeatureStore store = Project.openStore(home)) {
      return store.registry().latestPublished().map(VersionRecord::version).orElseThrow();
    }
  }

  private static Process publishInChildJvm(Path home, String version, String address)
      throws Exception {
    return new ProcessBuilder(
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
            version,
            "--online",
            address,
            "--sql",
            Project.sql().toString(),
            "--migrations",
            Project.migrations().toString(),
            "--memory-limit",
            "1GB")
        .redirectErrorStream(true)
        .start();
  }
}
