package dev.loyaltylens.serving.json;

import dev.loyaltylens.store.PublishedVersion;
import java.nio.charset.StandardCharsets;

/**
 * The JSON shape of a feature vector, the same whatever backend or file it comes from: {@code
 * {"customer_id":"c1","version":"v..","as_of":"..","features":{"recency_days":3,...}}}.
 */
public final class Vectors {

  private static final byte[] CUSTOMER_ID_KEY =
      "{\"customer_id\":".getBytes(StandardCharsets.UTF_8);

  private Vectors() {}

  /** What follows the customer id in every vector of a version, up to the features object. */
  public static byte[] versionPart(PublishedVersion version) {
    return (",\"version\":"
            + new String(JsonOut.quoted(version.version()), StandardCharsets.UTF_8)
            + ",\"as_of\":\""
            + version.asOf()
            + "\",\"features\":")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Writes a vector up to its features object; the features and a closing {@code '}'} follow. */
  public static void writeStart(JsonOut out, String customerId, byte[] versionPart) {
    out.raw(CUSTOMER_ID_KEY).plainString(customerId).raw(versionPart);
  }

  /** Writes the start of a batch entry, {@code {"customer_id":"c1","features":}, for {@link BatchJson}. */
  static void writeEntryStart(JsonOut out, String customerId) {
    out.raw(CUSTOMER_ID_KEY).plainString(customerId).raw(BatchJson.FEATURES);
  }
}
