package dev.loyaltylens.serving.memory;

import dev.loyaltylens.store.PublishedManifest;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the API answers from: the latest manifest read and the index of the version loaded. Each is
 * swapped whole, so a request sees an old index or a new one, never a half-loaded one; the manifest
 * is swapped before the index it names is loaded, so it is never older than the index.
 */
final class ServingState {

  private final AtomicReference<PublishedManifest> manifest = new AtomicReference<>();
  private final AtomicReference<FeatureIndex> index = new AtomicReference<>();
  private final AtomicReference<String> problem = new AtomicReference<>();

  /** The manifest last read, or null when nothing is published yet. */
  PublishedManifest manifest() {
    return manifest.get();
  }

  /** The index of the version being served, or null before the first load. */
  FeatureIndex index() {
    return index.get();
  }

  void manifest(PublishedManifest latest) {
    manifest.set(latest);
  }

  void index(FeatureIndex loaded) {
    index.set(loaded);
  }

  /**
   * Why the latest published version is not the one answering, with what to do; null while it is.
   */
  String problem() {
    return problem.get();
  }

  void problem(String why) {
    problem.set(why);
  }
}
