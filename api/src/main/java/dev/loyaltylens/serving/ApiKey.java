package dev.loyaltylens.serving;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The API key every route but {@code /health} requires, when one is configured. */
final class ApiKey {

  static final String HEADER = "X-API-Key";

  private final byte[] expected;

  private ApiKey(byte[] expected) {
    this.expected = expected;
  }

  /** The key, or null when the API is open. */
  static ApiKey of(String key) {
    return key == null || key.isEmpty() ? null : new ApiKey(key.getBytes(StandardCharsets.UTF_8));
  }

  void require(String given) {
    // Compared in constant time, so response timing does not tell how much of a guess was right.
    if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiKeyRejectedException();
    }
  }
}
