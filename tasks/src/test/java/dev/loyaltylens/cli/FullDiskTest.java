package dev.loyaltylens.cli;

import static dev.loyaltylens.testing.EventsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.generation.EventGenerator;
import dev.loyaltylens.generation.GeneratorSettings;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, for real: the home on a small tmpfs (root only; CI runs as root and must run these). A full disk
 * during compute or publish says which folder is full, leaves no temporary file, exits 1 with the last published
 * version serving, and the same command succeeds once there is room again.
 */
class FullDiskTest {

  @TempDir Path dir;
  private Path disk;
  private Path home;
  private Path ballast;

  @BeforeEach
  void mountASmallDisk() throws Exception {
    disk = Files.createDirectories(dir.resolve("disk"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", disk.toString())
        .redirectErrorStream(true).start();
    String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
    if (!mounted && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI runs these as root and must mount a tmpfs at " + disk + ": " + output);
    }
    Assumptions.assumeTrue(mounted, "mounting a tmpfs needs root: " + output);
    home = disk.resolve("home");
    ballast = disk.resolve("ballast");
  }

  @AfterEach
  void unmount() throws Exception {
    if (home != null) {
      new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Takes every free byte of the small disk; deleting the ballast frees them again. */
  private void fillTheDisk() throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(ballast)) {
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      assertThat(full).hasMessageContaining("No space left on device");
    }
  }

  private String publish(Path events, java.time.Instant asOf) {
    Cli.Outcome computed =
        Cli.run("compute", "--home", home.toString(), "--events", events.toString(), "--as-of", asOf.toString());
    assertThat(computed.exitCode()).as(computed.err()).isZero();
    String version = computed.lastLine();
    assertThat(Cli.run("validate", "--home", home.toString(), "--version", version).exitCode()).isZero();
    assertThat(Cli.run("publish", "--home", home.toString(), "--version", version).exitCode()).isZero();
    return version;
  }

  private void assertNothingLeftAndStillServing(String serving) throws IOException {
    try (Stream<Path> files = Files.walk(home)) {
      assertThat(files.map(Path::toString).filter(name -> name.contains(".tmp")).toList()).isEmpty();
    }
    PublishedManifest manifest = PublishedManifest.read(new StoreHome(home)).orElseThrow();
    assertThat(manifest.latest()).isEqualTo(serving);
    assertThat(new StoreHome(home).snapshot(serving)).isRegularFile();
  }

  @Test
  void a_full_disk_while_compute_writes_its_version_names_the_folder_and_the_next_run_succeeds() throws Exception {
    String first = publish(EventsFixture.manyCustomers(dir.resolve("small"), 100, 2), T);
    Path events = EventsFixture.manyCustomers(dir.resolve("large"), 5_000, 4);
    fillTheDisk();

    Cli.Outcome full =
        Cli.run("compute", "--home", home.toString(), "--events", events.toString(), "--as-of", T.toString());

    assertThat(full.exitCode()).isEqualTo(1);
    assertThat(full.err().lines().filter(line -> line.startsWith("error: "))).containsExactly(
        "error: no space left on device in " + home + " (writing store.duckdb.wal): free space there and run again;"
            + " the published version " + first + " keeps serving");
    assertThat(full.err()).doesNotContain("\tat ");
    assertNothingLeftAndStillServing(first);

    Files.delete(ballast);
    Cli.Outcome again =
        Cli.run("compute", "--home", home.toString(), "--events", events.toString(), "--as-of", T.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err()).contains("has 5,000 rows");
  }

  @Test
  void a_full_disk_while_publish_writes_the_snapshot_names_the_folder_and_cleans_up() throws Exception {
    Path events = EventsFixture.manyCustomers(dir.resolve("events"), 2_000, 4);
    String first = publish(events, T);
    Cli.Outcome computed = Cli.run(
        "compute", "--home", home.toString(), "--events", events.toString(), "--as-of", T.plus(Duration.ofDays(1))
            .toString());
    String second = computed.lastLine();
    assertThat(Cli.run("validate", "--home", home.toString(), "--version", second).exitCode()).isZero();
    fillTheDisk();

    Cli.Outcome full = Cli.run("publish", "--home", home.toString(), "--version", second);

    assertThat(full.exitCode()).isEqualTo(1);
    assertThat(full.err().strip())
        .startsWith("error: no space left on device in " + home.resolve("published") + " (writing " + second
            + ".duckdb.tmp")
        .endsWith("): free space there and run again; the published version " + first + " keeps serving")
        .doesNotContain("\n");
    assertNothingLeftAndStillServing(first);

    Files.delete(ballast);
    Cli.Outcome again = Cli.run("publish", "--home", home.toString(), "--version", second);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(PublishedManifest.read(new StoreHome(home)).orElseThrow().latest()).isEqualTo(second);
  }

  @Test
  void a_full_spill_folder_says_so_and_compute_succeeds_once_the_disk_is_larger() throws Exception {
    Path events = dir.resolve("events");
    EventGenerator.generate(new GeneratorSettings(2_000_000, 500_000, 180, 42, T), events, line -> {});

    // 150MB of memory for 2,000,000 events: DuckDB spills well over the 16 MB of the disk
    Cli.Outcome full = computeInChildJvm(events, "150MB");

    assertThat(full.exitCode()).as(full.err()).isEqualTo(1);
    assertThat(full.err().strip()).isEqualTo(
        "error: no space left on device in " + home.resolve("tmp") + ", where DuckDB spills what does not fit in"
            + " its memory limit: free space on that disk, or raise --memory-limit, and run again; nothing was"
            + " published before");
    try (Stream<Path> files = Files.walk(home)) {
      assertThat(files.filter(Files::isRegularFile).map(home::relativize).map(Path::toString)
          .filter(name -> name.startsWith("tmp/") || name.contains(".tmp")).toList()).isEmpty();
    }

    Process remount = new ProcessBuilder("mount", "-o", "remount,size=1g", disk.toString()).inheritIO().start();
    assertThat(remount.waitFor()).isZero();
    Cli.Outcome again = computeInChildJvm(events, "150MB");
    assertThat(again.exitCode()).as(again.err()).isZero();
  }

  /** A compute in its own JVM with two processors, so that DuckDB runs two threads on any machine. */
  private Cli.Outcome computeInChildJvm(Path events, String memoryLimit) throws Exception {
    Cli.Outcome outcome = Cli.inChildJvm(List.of("-XX:ActiveProcessorCount=2"), Map.of(),
        "compute", "--home", home.toString(), "--events", events.toString(), "--as-of", T.toString(),
        "--memory-limit", memoryLimit);
    String errors = outcome.err().lines().filter(line -> !line.startsWith("compute: "))
        .reduce("", (a, b) -> a + b + "\n");
    return new Cli.Outcome(outcome.exitCode(), outcome.out(), errors);
  }
}
