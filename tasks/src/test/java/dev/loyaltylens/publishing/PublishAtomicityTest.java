package dev.loyaltylens.publishing;

import static dev.loyaltylens.testing.EventsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.compute.FeatureComputation;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.store.VersionStatus;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import dev.loyaltylens.testing.Project;
import dev.loyaltylens.validation.GateSettings;
import dev.loyaltylens.validation.ValidationGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing is killed between its steps in a separate JVM (halted, as by kill -9): each crash
 * leaves the old or the new version as latest, never a half-written one, and publishing again
 * finishes the job.
 */
class PublishAtomicityTest {

  @TempDir Path dir;
  private final DefinitionSet definitions = DefinitionSet.load(Project.sql());
  private Path home;
  private String old;
  private String candidate;

  @BeforeEach
  void publishOneAndValidateAnother() throws Exception {
    home = dir.resolve("home");
    Path events = EventsFixture.manyCustomers(dir.resolve("events"), 200, 3);
    try (FeatureStore store = Project.openStore(home)) {
      old = computeAndValidate(store, events, T);
      Publisher.publish(store, old);
      candidate = computeAndValidate(store, events, T.plus(Duration.ofDays(1)));
    }
  }

  private String computeAndValidate(FeatureStore store, Path events, java.time.Instant asOf) {
    String version =
        new FeatureComputation(definitions, Project.migrations(), 0.05, line -> {})
            .compute(store, events, asOf, 180)
            .version();
    // the same events at a later as-of: every recency moves by a day, which the drift checks would
    // rightly flag
    new ValidationGate(definitions, GateSettings.defaults().withoutDrift())
        .validate(store, version);
    return version;
  }

  private int publishInChildJvm(String crashAt) throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Duser.timezone=UTC",
            "-D" + CrashPoint.PROPERTY + "=" + crashAt,
            "-cp",
            System.getProperty("java.class.path"),
            Cli.mainClass().getName(),
            "publish",
            "--home",
            home.toString(),
            "--version",
            candidate,
            "--sql",
            Project.sql().toString(),
            "--migrations",
            Project.migrations().toString(),
            "--memory-limit",
            "1GB");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }

  private String manifestLatest() {
    return PublishedManifest.read(new StoreHome(home)).orElseThrow().latest();
  }

  private VersionRecord registryLatest() {
    try (FeatureStore store = Project.openStore(home)) {
      return store.registry().latestPublished().orElseThrow();
    }
  }

  @Test
  void killed_after_the_snapshot_leaves_the_old_version_latest() throws Exception {
    assertThat(publishInChildJvm("after-snapshot")).isEqualTo(137);

    assertThat(manifestLatest()).isEqualTo(old);
    try (FeatureStore store = Project.openStore(home)) {
      assertThat(store.registry().latestPublished().orElseThrow().version()).isEqualTo(old);
      assertThat(store.registry().require(candidate).status()).isEqualTo(VersionStatus.VALIDATED);
    }
    assertThat(publishInChildJvm("nowhere")).isZero();
    assertThat(manifestLatest()).isEqualTo(candidate);
  }

  @Test
  void killed_after_the_commit_leaves_the_new_version_latest_once_any_command_runs()
      throws Exception {
    assertThat(publishInChildJvm("after-commit")).isEqualTo(137);

    assertThat(registryLatest().version()).isEqualTo(candidate);
    assertThat(Cli.run("versions", "--home", home.toString()).exitCode()).isZero();
    assertThat(manifestLatest()).isEqualTo(candidate);
    assertThat(Files.exists(new StoreHome(home).snapshot(candidate))).isTrue();
  }

  @Test
  void no_temporary_file_is_ever_taken_for_a_snapshot() throws Exception {
    Files.writeString(
        new StoreHome(home).snapshot(candidate).resolveSibling(candidate + ".duckdb.tmp"), "half");
    assertThat(publishInChildJvm("nowhere")).isZero();
    assertThat(manifestLatest()).isEqualTo(candidate);
    assertThat(new StoreHome(home).publishedDir().resolve(candidate + ".duckdb.tmp"))
        .doesNotExist();
  }
}
