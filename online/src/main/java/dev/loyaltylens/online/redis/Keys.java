package dev.loyaltylens.online.redis;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The key names of the layout. The metadata keys share the hash tag {@code {loyaltylens}}, so on a
 * cluster they sit in one slot and the pointer flip can check a version's state in the same script;
 * the vector keys carry no tag, so a version's buckets spread over every node.
 */
final class Keys {

  /** The pointer: the id of the current version. */
  static final String CURRENT = "{loyaltylens}:current";

  /** The set of version ids the store holds, in any state. */
  static final String VERSIONS = "{loyaltylens}:versions";

  /**
   * The published manifest kept with the pointer, as JSON: what readers without a home folder list.
   */
  static final String PUBLISHED = "{loyaltylens}:published";

  /**
   * The SHA-256 of {@link #PUBLISHED}, so that readers polling the pointer see when the manifest
   * changed.
   */
  static final String PUBLISHED_DIGEST = "{loyaltylens}:published_digest";

  private static final String META = "{loyaltylens}:version:";
  private static final String VECTORS = "loyaltylens:vectors:";

  /**
   * Version ids as the store writes them; nothing in them is special to Redis's hash tags or SCAN
   * patterns.
   */
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private Keys() {}

  static boolean isVersionId(String version) {
    return version != null && VERSION.matcher(version).matches();
  }

  /** The hash of a version's metadata. */
  static String meta(String version) {
    return META + version;
  }

  /** What SCAN matches to find every vector key of a version. */
  static String vectorPattern(String version) {
    return VECTORS + version + ":*";
  }

  /** The bucket key names of one version. */
  static final class BucketKeys {

    private final byte[] prefix;

    BucketKeys(String version) {
      this.prefix = (VECTORS + version + ":").getBytes(StandardCharsets.US_ASCII);
    }

    byte[] key(long bucket) {
      byte[] digits = Long.toString(bucket).getBytes(StandardCharsets.US_ASCII);
      byte[] key = new byte[prefix.length + digits.length];
      System.arraycopy(prefix, 0, key, 0, prefix.length);
      System.arraycopy(digits, 0, key, prefix.length, digits.length);
      return key;
    }
  }
}
