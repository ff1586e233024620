package dev.loyaltylens.publishing;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.materialization.Materializer;
import dev.loyaltylens.online.OnlineStore;
import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.store.FeatureColumn;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.store.VersionStatus;
import java.nio.file.Files;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Publishes a validated version in steps, each safe to crash after:
 *
 * <ol>
 *   <li>the version's vectors are written to its snapshot file ({@link PublishedSnapshots#write});
 *   <li>with an online store, they are loaded there from the snapshot and counted, without becoming current;
 *   <li>the registry row turns {@code published}: this single update is the commit point;
 *   <li>{@code published/manifest.json} is rewritten from the registry by an atomic rename;
 *   <li>with an online store, its pointer moves to the version, with the manifest, by one update; then the
 *       versions it no longer keeps are dropped.
 * </ol>
 *
 * A crash or a lost online store before step 3 leaves the old version latest everywhere; after it, the new one is
 * the latest. Every command repairs a manifest left stale by a crash between steps 3 and 4 when it opens the store
 * ({@link PublishedSnapshots#syncManifest}), and one given the online store repairs its pointer; publishing again
 * finishes every step. No reader ever sees a version the registry does not call published.
 */
public final class Publisher {

  private Publisher() {}

  /** Publishes a version; publishing one that is already published only makes sure its files are in place. */
  public static VersionRecord publish(FeatureStore store, String version) {
    return publish(store, version, null, line -> {});
  }

  /**
   * Publishes a version and, when {@code online} is not null, materializes it there ({@link Materializer}).
   *
   * @param log told the online store's progress, one line at a time
   */
  public static VersionRecord publish(FeatureStore store, String version, OnlineStore online, Consumer<String> log) {
    VersionRecord record = store.registry().require(version);
    if (record.status() != VersionStatus.VALIDATED && !record.isPublished()) {
      throw new LoyaltyLensException(
          "version " + version + " is " + record.status().dbValue() + ", not validated: run `validate --version "
              + version + "` and publish it once it passes");
    }
    writeSnapshot(store, version);
    CrashPoint.reach("after-snapshot");
    Materializer materializer = online == null ? null : new Materializer(store, online, log);
    if (materializer != null && !record.isPublished()) {
      try {
        materializer.load(record);
      } catch (OnlineStoreException e) {
        throw new LoyaltyLensException("version " + version + " is not published: " + e.getMessage()
            + "; the latest version is unchanged everywhere: publish again once the online store answers", e);
      }
    }
    if (!record.isPublished()) {
      store.registry().markPublished(version, Instant.now());
    }
    CrashPoint.reach("after-commit");
    PublishedSnapshots.syncManifest(store);
    if (materializer != null) {
      follow(materializer, version + " is published");
    }
    return store.registry().require(version);
  }

  /** Writes a published or validated version's snapshot unless it is there already. */
  static void writeSnapshot(FeatureStore store, String version) {
    if (!Files.exists(store.home().snapshot(version))) {
      String names = store.featureColumns().stream().map(FeatureColumn::name).collect(Collectors.joining(", "));
      PublishedSnapshots.write(
          store.handle().getConnection(), store.home(), version,
          "select customer_id, " + names + " from features where version = ?", version);
    }
  }

  /** The online steps after a commit; a failure says that the registry has moved on and the online store lags. */
  static void follow(Materializer materializer, String committed) {
    try {
      materializer.follow();
    } catch (OnlineStoreException e) {
      throw new LoyaltyLensException(committed + " in the registry, but the online store " + materializer.address()
          + " lags behind: " + e.getMessage() + "; its readers keep the version they serve until this command"
          + " (or any command given --online) runs again once it answers", e);
    }
  }
}
