package dev.loyaltylens.serving.memory;

import dev.loyaltylens.serving.backend.ServingException;
import dev.loyaltylens.serving.snapshots.SnapshotReader;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.StoreHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Polls {@code published/manifest.json} and, when its latest version changes, loads that version's index in the
 * background and swaps it in; until then the old index keeps answering. The manifest is replaced by a rename, so
 * a change shows as a new file: its identity, time or size differ.
 *
 * <p>A version that fails to load (a corrupt or missing snapshot) is logged once and not retried until the
 * manifest changes again; the version already loaded goes on serving.
 */
final class ManifestWatcher implements AutoCloseable {

  private final StoreHome home;
  private final ServingState state;
  private final SnapshotReader snapshots;
  private final Duration interval;
  private final ScheduledExecutorService scheduler;
  private Object seen;
  private String failedVersion;

  ManifestWatcher(StoreHome home, ServingState state, SnapshotReader snapshots, Duration interval) {
    this.home = home;
    this.state = state;
    this.snapshots = snapshots;
    this.interval = interval;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
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

  /** One look at the manifest; never throws, so the schedule goes on after a failure. */
  void poll() {
    try {
      Object identity = identity();
      if (Objects.equals(identity, seen)) {
        return;
      }
      seen = identity;
      Optional<PublishedManifest> read = identity == null ? Optional.empty() : PublishedManifest.read(home);
      if (read.isEmpty()) {
        return;
      }
      PublishedManifest manifest = read.get();
      state.manifest(manifest);
      snapshots.retain(manifest.versions().stream().map(PublishedVersion::version).collect(Collectors.toSet()));
      manifest.latestVersion().ifPresent(this::serve);
    } catch (RuntimeException e) {
      System.err.println("serve: could not read " + home.manifest() + ": " + e.getMessage());
    }
  }

  private void serve(PublishedVersion latest) {
    FeatureIndex current = state.index();
    if (current != null && current.published().version().equals(latest.version())) {
      return;
    }
    long start = System.nanoTime();
    try {
      FeatureIndex loaded = IndexLoader.load(home, latest);
      state.index(loaded);
      failedVersion = null;
      System.err.printf(
          Locale.ROOT, "serve: serving %s (%,d rows, about %,d MB of heap), loaded in %.1f s%n",
          latest.version(), loaded.rows(), loaded.heapBytes() >> 20, (System.nanoTime() - start) / 1e9);
    } catch (RuntimeException e) {
      if (!latest.version().equals(failedVersion)) {
        failedVersion = latest.version();
        System.err.println("serve: could not load " + latest.version() + ", still serving "
            + (current == null ? "nothing" : current.published().version()) + ": " + e.getMessage());
      }
    }
  }

  /** What changes when the manifest is replaced: the file itself, its time or its size; null when absent. */
  private Object identity() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(home.manifest(), BasicFileAttributes.class);
      return List.of(
          String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(), attributes.size());
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw ServingException.serverError("could not look at " + home.manifest() + ": " + e.getMessage(), e);
    }
  }
}
