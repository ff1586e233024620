package dev.loyaltylens.publishing;

import static dev.loyaltylens.testing.EventsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import dev.loyaltylens.testing.Project;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry keeps each published snapshot's row count and SHA-256; publishing a version again
 * checks its file and rebuilds one that is corrupt, missing or replaced from the features table,
 * instead of exiting 0 over it.
 */
class SnapshotRepairTest {

  @TempDir Path dir;
  private String home;
  private StoreHome store;
  private String first;
  private String second;

  @BeforeEach
  void publishTwoVersions() throws Exception {
    home = dir.resolve("home").toString();
    store = new StoreHome(Path.of(home));
    Path events = EventsFixture.manyCustomers(dir.resolve("events"), 200, 3);
    first = publish(events, T);
    second = publish(events, T.plus(Duration.ofDays(1)));
  }

  private String publish(Path events, java.time.Instant asOf) {
    String version =
        Cli.run(
                "compute",
                "--home",
                home,
                "--events",
                events.toString(),
                "--as-of",
                asOf.toString())
            .lastLine();
    // the same events at a later as-of: every recency moves by a day, which the drift checks would
    // rightly flag
    assertThat(Cli.run("validate", "--home", home, "--version", version, "--no-drift").exitCode())
        .isZero();
    assertThat(Cli.run("publish", "--home", home, "--version", version).exitCode()).isZero();
    return version;
  }

  private VersionRecord record(String version) {
    try (FeatureStore open = Project.openStore(Path.of(home))) {
      return open.registry().require(version);
    }
  }

  @Test
  void a_published_snapshot_s_checksum_is_kept_in_the_registry_and_the_manifest() {
    VersionRecord record = record(second);

    assertThat(record.snapshotSha256())
        .isEqualTo(PublishedSnapshots.sha256(store.snapshot(second)));
    assertThat(
            PublishedManifest.read(store).orElseThrow().find(second).orElseThrow().snapshotSha256())
        .isEqualTo(record.snapshotSha256());
    assertThat(
            PublishedSnapshots.problem(store, second, record.rowCount(), record.snapshotSha256()))
        .isEmpty();
  }

  @Test
  void publishing_again_rebuilds_a_corrupt_snapshot_from_the_store() throws Exception {
    Path snapshot = store.snapshot(second);
    try (RandomAccessFile file = new RandomAccessFile(snapshot.toFile(), "rw")) {
      // Bytes no DuckDB block holds there (a file's free blocks may be zeros already).
      byte[] garbage = new byte[4096];
      java.util.Arrays.fill(garbage, (byte) 0x5a);
      file.seek(file.length() / 2);
      file.write(garbage);
    }
    assertThat(
            PublishedSnapshots.problem(
                store, second, record(second).rowCount(), record(second).snapshotSha256()))
        .hasValueSatisfying(p -> assertThat(p).contains("SHA-256 differs"));

    Cli.Outcome again = Cli.run("publish", "--home", home, "--version", second);

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err())
        .contains("is not the file it was published as")
        .contains("rebuilt it from the store");
    VersionRecord repaired = record(second);
    assertThat(repaired.snapshotSha256()).isEqualTo(PublishedSnapshots.sha256(snapshot));
    assertThat(PublishedSnapshots.problem(store, second, repaired.rowCount(), null)).isEmpty();
    assertThat(
            PublishedManifest.read(store).orElseThrow().find(second).orElseThrow().snapshotSha256())
        .isEqualTo(repaired.snapshotSha256());
  }

  @Test
  void publishing_again_rebuilds_a_missing_or_replaced_snapshot() throws Exception {
    Files.copy(store.snapshot(first), store.snapshot(second), StandardCopyOption.REPLACE_EXISTING);

    Cli.Outcome replaced = Cli.run("publish", "--home", home, "--version", second);

    assertThat(replaced.exitCode()).as(replaced.err()).isZero();
    assertThat(replaced.err()).contains("rebuilt it from the store");
    assertThat(record(second).snapshotSha256())
        .isEqualTo(PublishedSnapshots.sha256(store.snapshot(second)));

    Files.delete(store.snapshot(second));
    Cli.Outcome missing = Cli.run("publish", "--home", home, "--version", second);

    assertThat(missing.exitCode()).as(missing.err()).isZero();
    assertThat(store.snapshot(second)).exists();
    assertThat(PublishedManifest.read(store).orElseThrow().latest()).isEqualTo(second);
  }

  @Test
  void publishing_a_sound_version_again_leaves_its_snapshot_as_it_was() throws Exception {
    Path snapshot = store.snapshot(second);
    FileTime written = Files.getLastModifiedTime(snapshot);
    String sha = record(second).snapshotSha256();

    Cli.Outcome again = Cli.run("publish", "--home", home, "--version", second);

    assertThat(again.exitCode()).isZero();
    assertThat(again.err()).doesNotContain("rebuilt");
    assertThat(Files.getLastModifiedTime(snapshot)).isEqualTo(written);
    assertThat(record(second).snapshotSha256()).isEqualTo(sha);
  }

  @Test
  void a_snapshot_published_before_checksums_is_checked_by_reading_it_then_given_one()
      throws Exception {
    try (FeatureStore open = Project.openStore(Path.of(home))) {
      open.handle()
          .execute("update feature_registry set snapshot_sha256 = null where version = ?", second);
    }
    Files.write(store.snapshot(second), "not a DuckDB file".getBytes());
    assertThat(PublishedSnapshots.problem(store, second, record(second).rowCount(), null))
        .hasValueSatisfying(p -> assertThat(p).contains("cannot be read"));

    Cli.Outcome again = Cli.run("publish", "--home", home, "--version", second);

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err()).contains("rebuilt it from the store");
    assertThat(record(second).snapshotSha256())
        .isEqualTo(PublishedSnapshots.sha256(store.snapshot(second)));
    assertThat(Optional.ofNullable(record(first).snapshotSha256())).isPresent();
  }
}
