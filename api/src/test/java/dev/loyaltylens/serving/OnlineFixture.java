package dev.loyaltylens.serving;

import dev.loyaltylens.online.OnlineStore;
import dev.loyaltylens.online.OnlineStores;
import dev.loyaltylens.online.SnapshotVectors;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.StoreHome;

/**
 * Puts what a {@link PublishedFixture} published into a real online store, as {@code publish
 * --online} does: a version's snapshot loaded, then the pointer moved to the manifest's latest
 * version with the manifest.
 */
final class OnlineFixture {

  private OnlineFixture() {}

  /**
   * Loads the given versions of the home, then makes its manifest's latest current (it must be
   * among them).
   */
  static void materialize(String address, StoreHome home, String... versions) {
    PublishedManifest manifest = PublishedManifest.read(home).orElseThrow();
    try (OnlineStore store = OnlineStores.open(address)) {
      for (String version : versions) {
        PublishedVersion published = manifest.find(version).orElseThrow();
        try (SnapshotVectors source = SnapshotVectors.open(home, version)) {
          store.load(version, published.asOf(), source);
        }
      }
      store.makeCurrent(manifest);
    }
  }
}
