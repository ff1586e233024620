package dev.loyaltylens.serving.memory;

import dev.loyaltylens.serving.backend.ServingException;
import dev.loyaltylens.serving.snapshots.SnapshotReader;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.UnreadableManifestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Polls {@code published/manifest.json} and, when its latest version changes, loads that version's
 * index in the background and swaps it in; until then the old index keeps answering. The manifest
 * is replaced by a rename, so a change shows as a new file: its identity, time or size differ.
 *
 * <p>A latest version that cannot be served (its snapshot is missing, corrupt, not the file it was
 * published as, or too large for the heap) is not served by halves: the version already in memory
 * goes on answering, or, right after a start, the newest older version that loads; {@code /health}
 * says which and why. It is tried again when the manifest changes or its snapshot file is replaced,
 * as {@code publish} does when it repairs one. A manifest that cannot be read is not used at all.
 */
final class ManifestWatcher implements AutoCloseable {

  private final StoreHome home;
  private final ServingState state;
  private final SnapshotReader snapshots;
  private final Duration interval;
  private final ScheduledExecutorService scheduler;
  private Object seen;

  /** The latest version that could not be served; null while the latest is served. */
  private String failedVersion;

  ManifestWatcher(StoreHome home, ServingState state, SnapshotReader snapshots, Duration interval) {
    this.home = home;
    this.state = state;
    this.snapshots = snapshots;
    this.interval = interval;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "manifest-watcher");
              thread.setDaemon(true);
              return thread;
            });
  }

  void start() {
    scheduler.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One look at the manifest; never throws, so the schedule goes on after a failure (a schedule
   * ends for good at the first exception that escapes it, an {@code OutOfMemoryError} too).
   */
  void poll() {
    try {
      Object identity = identity();
      if (Objects.equals(identity, seen)) {
        return;
      }
      seen = identity;
      Optional<PublishedManifest> read =
          identity == null ? Optional.empty() : PublishedManifest.read(home);
      if (read.isEmpty()) {
        return;
      }
      PublishedManifest manifest = read.get();
      state.manifest(manifest);
      snapshots.retain(
          manifest.versions().stream().map(PublishedVersion::version).collect(Collectors.toSet()));
      manifest.latestVersion().ifPresent(latest -> serve(manifest, latest));
    } catch (UnreadableManifestException e) {
      FeatureIndex current = state.index();
      String problem =
          e.getMessage()
              + (current == null ? "" : "; still serving " + current.published().version());
      if (!problem.equals(state.problem())) {
        System.err.println("serve: " + problem);
      }
      state.problem(problem);
    } catch (RuntimeException | OutOfMemoryError e) {
      System.err.println("serve: could not read " + home.manifest() + ": " + e);
    }
  }

  private void serve(PublishedManifest manifest, PublishedVersion latest) {
    FeatureIndex current = state.index();
    if (current != null && current.published().version().equals(latest.version())) {
      failedVersion = null;
      state.problem(null);
      return;
    }
    String why = load(latest, current);
    if (why == null) {
      failedVersion = null;
      state.problem(null);
      return;
    }
    failedVersion = latest.version();
    if (current == null) {
      List<PublishedVersion> older =
          manifest.versions().stream()
              .filter(v -> !v.version().equals(latest.version()))
              .sorted(Comparator.comparing(PublishedVersion::publishedAt).reversed())
              .toList();
      for (PublishedVersion version : older) {
        if (load(version, null) == null) {
          break;
        }
      }
      current = state.index();
    }
    String problem =
        "the latest version "
            + latest.version()
            + " is not served: "
            + why
            + (current == null
                ? "; no older version could be served either"
                : "; serving " + current.published().version() + " instead");
    if (!problem.equals(state.problem())) {
      System.err.println("serve: " + problem);
    }
    state.problem(problem);
  }

  /** Loads a version and swaps it in; returns why it could not be, or null once it is served. */
  private String load(PublishedVersion version, FeatureIndex current) {
    long start = System.nanoTime();
    try {
      if (version.snapshotSha256() != null
          && !version
              .snapshotSha256()
              .equals(PublishedSnapshots.sha256(home.snapshot(version.version())))) {
        return "its snapshot "
            + home.snapshot(version.version())
            + " is not the file it was published as (its"
            + " SHA-256 differs): `loyaltylens publish --version "
            + version.version()
            + "` rebuilds it from the store";
      }
      FeatureIndex loaded =
          IndexLoader.load(home, version, current == null ? 0 : current.heapBytes());
      state.index(loaded);
      System.err.printf(
          Locale.ROOT,
          "serve: serving %s (%,d rows, about %,d MB of heap), loaded in %.1f s%n",
          version.version(),
          loaded.rows(),
          loaded.heapBytes() >> 20,
          (System.nanoTime() - start) / 1e9);
      return null;
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  /**
   * What changes when the manifest is replaced: the file itself, its time or its size; and, while
   * the latest version cannot be served, the same of its snapshot, so that a repaired snapshot is
   * tried at once. Null when there is no manifest.
   */
  private Object identity() {
    Object manifest = identity(home.manifest());
    return manifest == null || failedVersion == null
        ? manifest
        : List.of(manifest, String.valueOf(identity(home.snapshot(failedVersion))));
  }

  private static Object identity(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return List.of(
          String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(), attributes.size());
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw ServingException.serverError("could not look at " + file + ": " + e.getMessage(), e);
    }
  }
}
