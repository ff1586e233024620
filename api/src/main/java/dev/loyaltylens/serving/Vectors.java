package dev.loyaltylens.serving;

import dev.loyaltylens.store.PublishedVersion;
import java.nio.charset.StandardCharsets;

/**
 * The JSON shape of a feature vector, the same whether it comes from the index or from a snapshot:
 * {@code {"customer_id":"c1","version":"v..","as_of":"..","features":{"recency_days":3,...}}}.
 */
final class Vectors {

  static final byte[] CUSTOMER_ID_KEY = "{\"customer_id\":".getBytes(StandardCharsets.UTF_8);

  private Vectors() {}

  /** What follows the customer id in every vector of a version, up to the features object. */
  static byte[] versionPart(PublishedVersion version) {
    return (",\"version\":" + new String(FeatureType.quoted(version.version()), StandardCharsets.UTF_8)
            + ",\"as_of\":\"" + version.asOf() + "\",\"features\":")
        .getBytes(StandardCharsets.UTF_8);
  }
}
