package dev.loyaltylens.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.serving.FeatureServer;
import dev.loyaltylens.serving.ServeSettings;
import dev.loyaltylens.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compute} and {@code publish} killed with SIGKILL at random moments, round after round,
 * while the API serves the same home under a steady load: no request fails, the store is consistent
 * after every kill, and running the killed command again finishes the job.
 */
@Tag("faults")
class KillNineTest {

  static final Instant T = Instant.parse("2026-11-24T00:00:00Z");
  static final int ROUNDS = 3;

  @TempDir Path dir;

  @Test
  void kill_9_at_random_moments_of_compute_and_publish_fails_no_request_and_the_rerun_succeeds()
      throws Exception {
    long seed = Long.getLong("faults.seed", System.nanoTime());
    Random random = new Random(seed);
    String replay = "seed " + seed + " (replay with -Dfaults.seed=" + seed + ")";
    Path home = dir.resolve("home");
    Path events = dir.resolve("events");
    Files.createDirectories(dir.resolve("logs"));
    ChildCli child = new ChildCli(dir.resolve("logs"));
    assertThat(
            Cli.runRaw(
                    "generate",
                    "--events",
                    "100000",
                    "--customers",
                    "10000",
                    "--as-of",
                    T.toString(),
                    "--out",
                    events.toString())
                .exitCode())
        .isZero();

    // A clean first round, timed: the kills of the next rounds are drawn from these durations.
    ChildCli.Outcome compute =
        child.run(
            "compute",
            "--home",
            home.toString(),
            "--events",
            events.toString(),
            "--as-of",
            T.toString());
    assertThat(compute.exitCode()).as(compute.output()).isZero();
    String latest = compute.lastLine();
    assertThat(Cli.run("validate", "--home", home.toString(), "--version", latest).exitCode())
        .isZero();
    ChildCli.Outcome publish = child.run("publish", "--home", home.toString(), "--version", latest);
    assertThat(publish.exitCode()).as(publish.output()).isZero();

    int landed = 0;
    long answered;
    try (FeatureServer api =
        FeatureServer.start(ServeSettings.local(home).withPollInterval(Duration.ofMillis(200)))) {
      assertThat(api.awaitReady(Duration.ofSeconds(60))).isTrue();
      List<String> customers = StoreChecks.activeCustomers(home, latest, 20);
      assertThat(customers).hasSize(20);
      SteadyLoad load = new SteadyLoad(api.port(), customers);
      try {
        for (int round = 1; round <= ROUNDS; round++) {
          String asOf = T.plus(Duration.ofHours(round)).toString();
          String context = replay + ", round " + round;

          ChildCli.Running killedCompute =
              child.start(
                  "compute",
                  "--home",
                  home.toString(),
                  "--events",
                  events.toString(),
                  "--as-of",
                  asOf);
          Thread.sleep(momentWithin(random, compute.took()));
          landed += killedCompute.kill() ? 1 : 0;
          assertThat(StoreChecks.assertConsistent(home, context + ", compute killed"))
              .isEqualTo(latest);
          Cli.Outcome rerun =
              Cli.run(
                  "compute",
                  "--home",
                  home.toString(),
                  "--events",
                  events.toString(),
                  "--as-of",
                  asOf);
          assertThat(rerun.exitCode())
              .as("%s: compute again said %s", context, rerun.err())
              .isZero();
          String candidate = rerun.lastLine();
          assertThat(
                  Cli.run("validate", "--home", home.toString(), "--version", candidate).exitCode())
              .isZero();

          ChildCli.Running killedPublish =
              child.start("publish", "--home", home.toString(), "--version", candidate);
          Thread.sleep(momentWithin(random, publish.took()));
          landed += killedPublish.kill() ? 1 : 0;
          assertThat(StoreChecks.assertConsistent(home, context + ", publish killed"))
              .isIn(latest, candidate);
          Cli.Outcome again = Cli.run("publish", "--home", home.toString(), "--version", candidate);
          assertThat(again.exitCode())
              .as("%s: publish again said %s", context, again.err())
              .isZero();
          assertThat(StoreChecks.assertConsistent(home, context + ", published again"))
              .isEqualTo(candidate);
          awaitServed(api, candidate, context);
          latest = candidate;
        }
      } finally {
        load.close();
      }
      assertThat(load.failures()).as(replay).isEmpty();
      answered = load.answered();
      assertThat(answered).as(replay).isGreaterThan(500);
    }
    System.out.printf(
        "faults: %d of %d kills hit a running command; %,d answers under load, none failed; %s%n",
        landed, 2 * ROUNDS, answered, replay);
    assertThat(landed)
        .as("%s: kills that hit a running command", replay)
        .isGreaterThanOrEqualTo(ROUNDS);
  }

  /** A random moment in the latter 80% of a run: the first fifth is mostly the JVM starting. */
  private static long momentWithin(Random random, Duration run) {
    long millis = run.toMillis();
    return millis / 5 + (long) (random.nextDouble() * (millis - millis / 5));
  }

  private static void awaitServed(FeatureServer api, String version, String context)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!version.equals(api.servingVersion()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(api.servingVersion())
        .as("%s: served within 5 s of the publish", context)
        .isEqualTo(version);
  }
}
