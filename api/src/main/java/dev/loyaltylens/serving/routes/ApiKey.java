package dev.loyaltylens.serving.routes;

import dev.loyaltylens.serving.backend.ServingException;
import dev.loyaltylens.serving.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The API key every route but {@code /health} requires, when one is configured. */
public final class ApiKey {

  static final String HEADER = "X-API-Key";

  private final byte[] expected;

  private ApiKey(byte[] expected) {
    this.expected = expected;
  }

  /** The key, or null when the API is open. */
  public static ApiKey of(String key) {
    return key == null || key.isEmpty() ? null : new ApiKey(key.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code handler} behind the key, or {@code handler} itself when there is no key. */
  public static Handler guard(ApiKey key, Handler handler) {
    if (key == null) {
      return handler;
    }
    return call -> {
      key.require(call.header(HEADER));
      return handler.handle(call);
    };
  }

  void require(String given) {
    // Compared in constant time, so response timing does not tell how much of a guess was right.
    if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      throw ServingException.unauthorized(
          "missing or wrong X-API-Key header: this server requires its API key on every route but /health");
    }
  }
}
