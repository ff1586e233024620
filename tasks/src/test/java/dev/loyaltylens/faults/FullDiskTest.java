package dev.loyaltylens.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.generation.EventGenerator;
import dev.loyaltylens.generation.GeneratorSettings;
import dev.loyaltylens.serving.FeatureServer;
import dev.loyaltylens.serving.ServeSettings;
import dev.loyaltylens.testing.Cli;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store home on a small tmpfs that fills up while {@code compute} or {@code publish} writes, or
 * while DuckDB spills: the command exits 1 naming the full folder, leaves no temporary file, the
 * store stays consistent, the API keeps serving the last published version, and once space is freed
 * the next run succeeds. Mounting needs root (CI runs as root); elsewhere the test is skipped
 * unless {@code CI=true}.
 */
@Tag("faults")
class FullDiskTest {

  static final Instant T = Instant.parse("2026-11-24T00:00:00Z");

  /** Room for the store, two versions' snapshots and their spill, and not much more. */
  static final String DISK_SIZE = "48m";

  @TempDir Path dir;
  private Path disk;
  private boolean mounted;

  @BeforeEach
  void mountSmallDisk() throws Exception {
    disk = Files.createDirectories(dir.resolve("disk"));
    Process mount =
        new ProcessBuilder(
                "mount", "-t", "tmpfs", "-o", "size=" + DISK_SIZE, "tmpfs", disk.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
    if (!mounted) {
      String why = "mounting a " + DISK_SIZE + " tmpfs needs root: " + said;
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(why);
      }
      Assumptions.abort(why);
    }
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      Process umount =
          new ProcessBuilder("umount", disk.toString()).redirectErrorStream(true).start();
      if (!umount.waitFor(30, TimeUnit.SECONDS) || umount.exitValue() != 0) {
        new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void a_full_disk_during_compute_or_publish_leaves_the_store_consistent_and_the_next_run_succeeds()
      throws Exception {
    Path home = disk.resolve("home");
    Path events = dir.resolve("events");
    Files.createDirectories(dir.resolve("logs"));
    ChildCli child = new ChildCli(dir.resolve("logs"));
    Path filler = disk.resolve("filler");
    assertThat(
            Cli.runRaw(
                    "generate",
                    "--events",
                    "50000",
                    "--customers",
                    "5000",
                    "--as-of",
                    T.toString(),
                    "--out",
                    events.toString())
                .exitCode())
        .isZero();
    String first = computeAndValidate(home, events, T);
    assertThat(Cli.run("publish", "--home", home.toString(), "--version", first).exitCode())
        .isZero();

    List<String> failed = new ArrayList<>();
    try (FeatureServer api =
        FeatureServer.start(ServeSettings.local(home).withPollInterval(Duration.ofMillis(200)))) {
      assertThat(api.awaitReady(Duration.ofSeconds(60))).isTrue();
      SteadyLoad load = new SteadyLoad(api.port(), StoreChecks.activeCustomers(home, first, 20));
      String second;
      try {
        String asOf = T.plus(Duration.ofHours(1)).toString();
        for (long free : new long[] {0, 256 * 1024}) {
          fill(filler, free);
          ChildCli.Outcome compute =
              child.run(
                  "compute",
                  "--home",
                  home.toString(),
                  "--events",
                  events.toString(),
                  "--as-of",
                  asOf);
          Files.delete(filler);
          if (compute.exitCode() != 0) {
            failed.add(
                "compute with "
                    + free
                    + " bytes free: exit "
                    + compute.exitCode()
                    + ", "
                    + compute.lastLine());
            assertSaysTheDiskIsFull(compute, home, first);
          }
          assertNoTemporaryFile(home);
          assertThat(StoreChecks.assertConsistent(home, "compute with " + free + " bytes free"))
              .isEqualTo(first);
        }
        second = computeAndValidate(home, events, T.plus(Duration.ofHours(1)));

        for (long free : new long[] {0, 64 * 1024}) {
          fill(filler, free);
          ChildCli.Outcome publish =
              child.run("publish", "--home", home.toString(), "--version", second);
          Files.delete(filler);
          if (publish.exitCode() != 0) {
            failed.add(
                "publish with "
                    + free
                    + " bytes free: exit "
                    + publish.exitCode()
                    + ", "
                    + publish.lastLine());
            assertSaysTheDiskIsFull(publish, home, first);
          }
          assertNoTemporaryFile(home);
          assertThat(StoreChecks.assertConsistent(home, "publish with " + free + " bytes free"))
              .isIn(first, second);
        }
        Cli.Outcome publish = Cli.run("publish", "--home", home.toString(), "--version", second);
        assertThat(publish.exitCode())
            .as("publish once space is freed: %s", publish.err())
            .isZero();
        assertThat(StoreChecks.assertConsistent(home, "published once space is freed"))
            .isEqualTo(second);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!second.equals(api.servingVersion()) && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(api.servingVersion()).as("served within 5 s of the publish").isEqualTo(second);
      } finally {
        load.close();
      }
      assertThat(load.failures()).isEmpty();
      assertThat(load.answered()).isGreaterThan(100);
    }
    System.out.println("faults: full disk: " + String.join("; ", failed));
    assertThat(failed)
        .as("runs the full disk stopped")
        .anyMatch(f -> f.startsWith("compute with 0 bytes"))
        .anyMatch(f -> f.startsWith("publish with 0 bytes"));
  }

  @Test
  void a_full_spill_folder_says_so_and_compute_succeeds_once_the_disk_is_larger() throws Exception {
    Path home = disk.resolve("home");
    Path events = dir.resolve("events");
    EventGenerator.generate(
        new GeneratorSettings(2_000_000, 500_000, 180, 42, T), events, line -> {});
    Path filler = disk.resolve("filler");
    fill(filler, 8L << 20);

    // 150MB of memory for 2,000,000 events: DuckDB spills well over the 8 MB left on the disk
    Cli.Outcome full = computeWithSpill(home, events);

    assertThat(full.exitCode()).as(full.err()).isEqualTo(1);
    assertThat(full.err().strip())
        .isEqualTo(
            "error: no space left on device in "
                + home.resolve("tmp")
                + ", where DuckDB spills what does not fit in"
                + " its memory limit: free space on that disk, or raise --memory-limit, and run again; nothing was"
                + " published before");
    assertNoTemporaryFile(home);

    Files.delete(filler);
    Process remount =
        new ProcessBuilder("mount", "-o", "remount,size=1g", disk.toString()).inheritIO().start();
    assertThat(remount.waitFor()).isZero();
    Cli.Outcome again = computeWithSpill(home, events);
    assertThat(again.exitCode()).as(again.err()).isZero();
  }

  /**
   * A compute at a 150 MB memory limit, in a JVM with two processors so that DuckDB runs two
   * threads anywhere.
   */
  private static Cli.Outcome computeWithSpill(Path home, Path events) throws Exception {
    Cli.Outcome outcome =
        Cli.inChildJvm(
            List.of("-XX:ActiveProcessorCount=2"),
            Map.of(),
            "compute",
            "--home",
            home.toString(),
            "--events",
            events.toString(),
            "--as-of",
            T.toString(),
            "--memory-limit",
            "150MB");
    String errors =
        outcome
            .err()
            .lines()
            .filter(line -> !line.startsWith("compute: "))
            .reduce("", (a, b) -> a + b + "\n");
    return new Cli.Outcome(outcome.exitCode(), outcome.out(), errors);
  }

  /**
   * A run the full disk stopped exits 1 with one line naming the full folder and what keeps
   * serving.
   */
  private static void assertSaysTheDiskIsFull(ChildCli.Outcome outcome, Path home, String serving) {
    assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(1);
    assertThat(outcome.lastLine())
        .matches(
            "error: no space left on device in "
                + Pattern.quote(home.toString())
                + "(/published|/tmp)?[ ,].*")
        .endsWith("; the published version " + serving + " keeps serving");
    assertThat(outcome.output()).doesNotContain("\tat ");
  }

  private static void assertNoTemporaryFile(Path home) throws IOException {
    try (Stream<Path> files = Files.walk(home)) {
      assertThat(
              files
                  .map(home::relativize)
                  .map(Path::toString)
                  .filter(name -> name.contains(".tmp") || name.startsWith("tmp/"))
                  .toList())
          .as("temporary files left in %s", home)
          .isEmpty();
    }
  }

  /** Computes and validates in this JVM, where the disk has room; returns the version. */
  private static String computeAndValidate(Path home, Path events, Instant asOf) {
    Cli.Outcome compute =
        Cli.run(
            "compute",
            "--home",
            home.toString(),
            "--events",
            events.toString(),
            "--as-of",
            asOf.toString());
    assertThat(compute.exitCode()).as(compute.err()).isZero();
    String version = compute.lastLine();
    Cli.Outcome validate = Cli.run("validate", "--home", home.toString(), "--version", version);
    assertThat(validate.exitCode()).as(validate.err()).isZero();
    return version;
  }

  /** Fills the disk with one file until no byte is left, then gives back {@code free} bytes. */
  private static void fill(Path filler, long free) throws IOException {
    try (FileChannel channel =
        FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer megabyte = ByteBuffer.allocate(1 << 20);
      try {
        while (true) {
          megabyte.clear();
          while (megabyte.hasRemaining()) {
            channel.write(megabyte);
          }
        }
      } catch (IOException full) {
        // No space left on device: what this method is for.
      }
      channel.truncate(Math.max(0, channel.size() - free));
    }
  }
}
