package dev.loyaltylens.retention;

import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.VersionRecord;
import java.time.Instant;

/** Pinning a published version keeps it through every retention run until the pin is lifted. */
public final class Pins {

  private Pins() {}

  /**
   * Pins a published version (again, with a new note, when it already is) and returns its registry
   * row.
   */
  public static VersionRecord pin(
      FeatureStore store, String version, String note, Instant pinnedAt) {
    VersionRecord record = store.registry().require(version);
    if (record.isRemoved()) {
      throw new RetentionException(
          "version "
              + version
              + " was removed by retention at "
              + record.removedAt()
              + " and cannot be pinned:"
              + " compute, validate and publish it again first");
    }
    if (!store.registry().pin(version, note, pinnedAt)) {
      throw new RetentionException(
          "version "
              + version
              + " is "
              + record.status().dbValue()
              + ", not published: retention only removes"
              + " published versions, so only those can be pinned");
    }
    return store.registry().require(version);
  }

  /** Lifts a pin; false when the version was not pinned. */
  public static boolean unpin(FeatureStore store, String version) {
    store.registry().require(version);
    return store.registry().unpin(version);
  }
}
