package dev.loyaltylens.online;

import dev.loyaltylens.store.PublishedManifest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * What an online store does for a published version: load its vectors, make it current, read it,
 * list and drop versions.
 *
 * <p>The guarantees every implementation keeps: a version is current only once all its vectors are
 * in and counted, and becomes current by one pointer update; a read names one version, so a batch
 * never mixes two; a version that is not complete is never read; loading is idempotent, so a load
 * that crashed is finished by running it again, and until then the previous version stays current.
 * One writer at a time: loads, flips and drops are run by the batch commands, which take turns on
 * the store.
 */
public interface OnlineStore extends AutoCloseable {

  /** Where the store is, as a user wrote it (for messages). */
  String address();

  /**
   * Loads a version's vectors and marks the version complete, without making it current. A version
   * that is already complete is left as it is.
   *
   * @param progress told the number of vectors written so far, now and then
   */
  OnlineVersion load(String version, Instant asOf, VectorSource source, LongConsumer progress);

  default OnlineVersion load(String version, Instant asOf, VectorSource source) {
    return load(version, asOf, source, rows -> {});
  }

  /**
   * Makes the latest version of {@code published} current by one pointer update, which also keeps
   * the manifest beside the pointer for readers that have no home folder (the API's stateless
   * replicas): a reader sees the old pointer and manifest or the new ones, never one of each.
   * Refuses a version that is not complete.
   */
  void makeCurrent(PublishedManifest published);

  /** Whether the pointer and the manifest kept with it are those of {@code published} already. */
  boolean follows(PublishedManifest published);

  /**
   * The pointer as last made current, by one read that is cheap enough to poll; empty before the
   * first.
   */
  Optional<OnlinePointer> pointer();

  /** The pointer and the manifest kept with it, read together; empty before the first. */
  Optional<OnlinePublication> publication();

  /** The current version, if one was made current and is still complete. */
  Optional<OnlineVersion> current();

  /** A version the store holds, complete or not. */
  Optional<OnlineVersion> find(String version);

  /** Every version the store holds, complete or not, in no particular order. */
  List<OnlineVersion> versions();

  /**
   * The vector of one customer in a complete version; empty when the version does not hold the
   * customer.
   *
   * @throws VersionNotOnlineException when the version is not complete in the store (never loaded,
   *     loading, or dropped meanwhile): the caller looks up the current version again
   */
  Optional<FeatureVector> read(String version, String customerId);

  /**
   * The vectors of many customers in one complete version, keyed by customer id; ids the version
   * does not hold are absent from the map.
   *
   * @throws VersionNotOnlineException as {@link #read}
   */
  Map<String, FeatureVector> readMany(String version, Collection<String> customerIds);

  /**
   * Removes a version that is not current, without blocking the store; dropping an absent version
   * does nothing.
   */
  void drop(String version);

  /** The memory the store's servers use in all, whatever they hold. */
  long usedMemoryBytes();

  @Override
  void close();
}
