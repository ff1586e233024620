package dev.loyaltylens.retention;

import static dev.loyaltylens.testing.EventsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.store.VersionStatus;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import dev.loyaltylens.testing.FileTrees;
import dev.loyaltylens.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gc} and {@code pin} on four versions published in as-of order, v1 to v4, from 50 customers
 * plus one purchase with a negative amount, so that every version also has a quarantined row. Each
 * test works on its own copy of that home.
 */
class RetentionTest {

  @TempDir static Path shared;
  static Path events;
  static Path original;
  static List<String> v;

  @TempDir Path dir;
  private String home;

  @BeforeAll
  static void publishFourVersions() throws Exception {
    events = EventsFixture.manyCustomers(shared.resolve("events"), 50, 3);
    new EventsFixture()
        .event("bad-amount", "purchase", Duration.ofHours(5), -1.0, "web")
        .writeTo(events.resolve("bad"));
    original = shared.resolve("home");
    v =
        Stream.of(0, 1, 2, 3)
            .map(h -> publish(original.toString(), T.plus(Duration.ofHours(h))))
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
    // the same events at another as-of: every recency moves, which the drift checks would rightly
    // flag
    assertThat(Cli.run("validate", "--home", home, "--version", version, "--no-drift").exitCode())
        .isZero();
    assertThat(Cli.run("publish", "--home", home, "--version", version).exitCode()).isZero();
    return version;
  }

  @Test
  void gc_keeps_the_latest_the_most_recent_and_the_pinned_and_records_what_it_removed() {
    assertThat(
            Cli.run("pin", "--home", home, "--version", v.get(0), "--note", "churn model 2026-11")
                .exitCode())
        .isZero();

    Cli.Outcome gc = Cli.run("gc", "--home", home, "--keep", "2");

    assertThat(gc.exitCode()).as(gc.err()).isZero();
    assertThat(gc.out())
        .containsPattern("KEEP +" + v.get(3) + " .* latest")
        .containsPattern("KEEP +" + v.get(2) + " .* among the 2 most recently made current")
        .containsPattern("KEEP +" + v.get(0) + " .* pinned: churn model 2026-11")
        .containsPattern("REMOVE +" + v.get(1))
        .contains(
            "gc: removed 1 version: 50 feature rows, 1 quarantined row, 1 snapshot file; kept 3 published");
    try (FeatureStore store = Project.openStore(Path.of(home))) {
      VersionRecord removed = store.registry().require(v.get(1));
      assertThat(removed.status()).isEqualTo(VersionStatus.REMOVED);
      assertThat(removed.removedAt()).isNotNull();
      assertThat(rows(store, "features", v.get(1))).isZero();
      assertThat(rows(store, "quarantine", v.get(1))).isZero();
      assertThat(rows(store, "features", v.get(0))).isEqualTo(50);
      assertThat(store.registry().latestPublished()).map(VersionRecord::version).contains(v.get(3));
    }
    PublishedManifest manifest = PublishedManifest.read(new StoreHome(Path.of(home))).orElseThrow();
    assertThat(manifest.versions())
        .extracting(PublishedVersion::version)
        .containsExactly(v.get(0), v.get(2), v.get(3));
    assertThat(manifest.latest()).isEqualTo(v.get(3));
    assertThat(snapshot(v.get(1))).doesNotExist();
    assertThat(snapshot(v.get(0))).exists();
    assertThat(Cli.run("versions", "--home", home).out())
        .containsPattern(v.get(1) + " .* removed ")
        .containsPattern(v.get(0) + " .* published .* pinned: churn model 2026-11");
  }

  @Test
  void the_latest_is_the_most_recently_published_version_not_the_largest_as_of() {
    String home2 = dir.resolve("home2").toString();
    String later = publish(home2, T.plus(Duration.ofDays(1)));
    String earlierPublishedLast = publish(home2, T);

    Cli.Outcome gc = Cli.run("gc", "--home", home2, "--keep", "1");

    assertThat(gc.out())
        .containsPattern("KEEP +" + earlierPublishedLast + " .* latest")
        .containsPattern("REMOVE +" + later);
    assertThat(PublishedManifest.read(new StoreHome(Path.of(home2))).orElseThrow().latest())
        .isEqualTo(earlierPublishedLast);
  }

  @Test
  void lifting_a_pin_lets_the_next_gc_remove_the_version() {
    Cli.run("pin", "--home", home, "--version", v.get(0));
    assertThat(Cli.run("gc", "--home", home, "--keep", "1").out())
        .containsPattern("KEEP +" + v.get(0) + " .* pinned");

    Cli.Outcome unpin = Cli.run("pin", "--home", home, "--version", v.get(0), "--remove");
    Cli.Outcome gc = Cli.run("gc", "--home", home, "--keep", "1");

    assertThat(unpin.err()).contains(v.get(0) + " is no longer pinned");
    assertThat(gc.out()).containsPattern("REMOVE +" + v.get(0));
    assertThat(snapshot(v.get(0))).doesNotExist();
  }

  @Test
  void a_dry_run_changes_nothing_and_keep_below_one_is_refused() throws Exception {
    byte[] manifestBefore = Files.readAllBytes(Path.of(home, "published", "manifest.json"));

    Cli.Outcome dryRun = Cli.run("gc", "--home", home, "--keep", "1", "--dry-run");
    Cli.Outcome zero = Cli.run("gc", "--home", home, "--keep", "0");

    assertThat(dryRun.out()).contains("gc: dry run: would remove 3 versions, keep 1");
    assertThat(Files.readAllBytes(Path.of(home, "published", "manifest.json")))
        .isEqualTo(manifestBefore);
    assertThat(v).allSatisfy(version -> assertThat(snapshot(version)).exists());
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err().lines().findFirst())
        .contains("error: --keep must be at least 1 (the latest version is always kept), got 0");
  }

  @Test
  void a_snapshot_left_behind_by_a_crash_after_the_commit_is_deleted_by_the_next_run()
      throws Exception {
    Cli.run("gc", "--home", home, "--keep", "3");
    Files.copy(snapshot(v.get(1)), snapshot(v.get(0)));

    Cli.Outcome again = Cli.run("gc", "--home", home, "--keep", "3");

    assertThat(again.out())
        .contains("gc: removed 0 versions: 0 feature rows, 0 quarantined rows, 1 snapshot file");
    assertThat(snapshot(v.get(0))).doesNotExist();
    assertThat(PublishedManifest.read(new StoreHome(Path.of(home))).orElseThrow().versions())
        .extracting(PublishedVersion::version)
        .doesNotContain(v.get(0));
  }

  @Test
  void only_published_versions_can_be_pinned() {
    Cli.run("gc", "--home", home, "--keep", "1");

    Cli.Outcome removed = Cli.run("pin", "--home", home, "--version", v.get(0));
    Cli.Outcome unknown = Cli.run("pin", "--home", home, "--version", "v20991231T000000Z-00000000");

    assertThat(removed.exitCode()).isEqualTo(1);
    assertThat(removed.err()).contains("was removed by retention at").contains("cannot be pinned");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("is not in the registry");
  }

  private Path snapshot(String version) {
    return Path.of(home, "published", version + ".duckdb");
  }

  private static long rows(FeatureStore store, String table, String version) {
    return store
        .handle()
        .createQuery("select count(*) from " + table + " where version = :v")
        .bind("v", version)
        .mapTo(Long.class)
        .one();
  }
}
