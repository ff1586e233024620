package dev.loyaltylens.publishing;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.materialization.Materializer;
import dev.loyaltylens.online.OnlineStore;
import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.VersionRecord;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes a published version the latest again, in the same steps as publishing: its snapshot checked
 * (written again from its vectors if it went missing), its vectors in the online store, then one
 * registry transaction (the commit point), then the manifest, then the online store's pointer.
 *
 * <p>After a rollback to V, every reader agrees: V is the latest in the registry, in {@code
 * versions}, in the manifest (so the in-memory API swaps it in) and in the online store; and the
 * versions that would otherwise be in force after it (a later as-of, or the same as-of published
 * after it) are withdrawn, so that a lookup by instant ({@code ?as_of=}, {@code training-set})
 * gives V too. Withdrawn versions stay published and readable by id, for reproducing what a model
 * saw, and a rollback to one of them brings it back.
 */
public final class Rollback {

  private Rollback() {}

  /**
   * What a rollback did.
   *
   * @param previous the latest version before it; null when nothing was
   * @param withdrawn the versions it withdrew from lookups by instant
   */
  public record Outcome(String previous, List<String> withdrawn) {}

  /**
   * Rolls back to {@code version}; with an online store (not null), it is loaded there first if it
   * was dropped.
   *
   * @param log told the online store's progress, one line at a time
   */
  public static Outcome rollBack(
      FeatureStore store, String version, OnlineStore online, Consumer<String> log) {
    VersionRecord record = store.registry().require(version);
    if (record.isRemoved()) {
      throw new LoyaltyLensException(
          "version "
              + version
              + " was removed by retention at "
              + record.removedAt()
              + " and cannot be made current again: compute, validate and publish it again");
    }
    if (!record.isPublished()) {
      throw new LoyaltyLensException(
          "version "
              + version
              + " is "
              + record.status().dbValue()
              + ", not published:"
              + " only a published version can be rolled back to; run `versions` to list them");
    }
    String previous = store.registry().latestPublished().map(VersionRecord::version).orElse(null);
    Publisher.ensureSnapshot(store, record, log);
    Materializer materializer = online == null ? null : new Materializer(store, online, log);
    if (materializer != null) {
      try {
        materializer.load(record);
      } catch (OnlineStoreException e) {
        throw new LoyaltyLensException(
            "version "
                + version
                + " is not made current: "
                + e.getMessage()
                + "; the latest version is still "
                + previous
                + " everywhere: roll back again once the online store"
                + " answers",
            e);
      }
    }
    List<String> withdrawn = store.registry().rollBackTo(version, Instant.now());
    PublishedSnapshots.syncManifest(store);
    if (materializer != null) {
      Publisher.follow(materializer, version + " is the latest again");
    }
    return new Outcome(previous, withdrawn);
  }
}
