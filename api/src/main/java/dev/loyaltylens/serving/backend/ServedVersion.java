package dev.loyaltylens.serving.backend;

import dev.loyaltylens.serving.json.BatchJson;
import dev.loyaltylens.serving.json.JsonOut;
import dev.loyaltylens.store.PublishedVersion;
import java.util.List;

/**
 * One published version, ready to answer lookups: what the routes ask of it. Its JSON shapes are
 * {@link dev.loyaltylens.serving.json.Vectors}'s, written straight into the reply's buffer.
 *
 * <p>Lookups run on the request threads, many at once: an implementation is safe for concurrent use
 * and, for the version most requests ask, allocates nothing and takes no lock per lookup.
 */
public interface ServedVersion {

  /** Its id, as-of, publish time, row count, columns and statistics, as the manifest lists them. */
  PublishedVersion published();

  /**
   * Writes the whole vector of one customer ({@code {"customer_id", "version", "as_of",
   * "features"}}); returns false, having written nothing, when the version does not hold the
   * customer.
   */
  boolean writeVector(String customerId, JsonOut out);

  /**
   * Adds every customer of {@code customerIds} to {@code batch}, in their order: found with its
   * features, or not.
   */
  void writeBatch(List<String> customerIds, BatchJson batch);

  /** Roughly the heap this process holds for the version; 0 when it lives elsewhere. */
  long heapBytes();
}
