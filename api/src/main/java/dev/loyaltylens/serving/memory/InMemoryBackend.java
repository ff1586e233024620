package dev.loyaltylens.serving.memory;

import dev.loyaltylens.serving.backend.ServedVersion;
import dev.loyaltylens.serving.backend.ServingBackend;
import dev.loyaltylens.serving.snapshots.SnapshotReader;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.StoreHome;
import java.time.Duration;

/**
 * The embedded backend: the latest published version in a compact in-memory index of this process,
 * reloaded in the background when the manifest names a new one, and every other published version
 * read from its snapshot file. It reads {@code published/} only, never the store.
 */
public final class InMemoryBackend implements ServingBackend {

  private final StoreHome home;
  private final ServingState state = new ServingState();
  private final SnapshotReader snapshots;
  private final ManifestWatcher watcher;

  /**
   * @param pollInterval how often the manifest is looked at for a new version
   */
  public InMemoryBackend(StoreHome home, Duration pollInterval) {
    this.home = home;
    this.snapshots = new SnapshotReader(home);
    this.watcher = new ManifestWatcher(home, state, snapshots, pollInterval);
  }

  @Override
  public void start() {
    watcher.start();
  }

  @Override
  public PublishedManifest published() {
    return state.manifest();
  }

  @Override
  public ServedVersion current() {
    return state.index();
  }

  @Override
  public ServedVersion version(PublishedVersion version) {
    FeatureIndex index = state.index();
    if (index != null && index.published().version().equals(version.version())) {
      return index;
    }
    return snapshots.version(version);
  }

  @Override
  public String warning() {
    return state.index() == null ? null : state.problem();
  }

  @Override
  public String notReadyReason() {
    String problem = state.problem();
    if (problem != null) {
      return problem;
    }
    PublishedManifest manifest = state.manifest();
    if (manifest == null || manifest.latest() == null) {
      return "nothing is published in "
          + home.root()
          + " yet: run the pipeline, this server picks it up";
    }
    return "loading version " + manifest.latest();
  }

  @Override
  public void close() {
    watcher.close();
    snapshots.close();
  }
}
