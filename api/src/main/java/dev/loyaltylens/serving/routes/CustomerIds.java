package dev.loyaltylens.serving.routes;

import dev.loyaltylens.serving.backend.ServingException;

/** The customer id rule of SPEC section 1: 1 to 64 characters of {@code [A-Za-z0-9_-]}. */
final class CustomerIds {

  static final int MAX_LENGTH = 64;

  private CustomerIds() {}

  static void requireValid(String id) {
    if (!isValid(id)) {
      throw ServingException.badRequest(
          "customer id `"
              + Quoting.shorten(id)
              + "` is not valid: ids are 1 to "
              + MAX_LENGTH
              + " characters of A-Z, a-z, 0-9, _ and -");
    }
  }

  static boolean isValid(String id) {
    int length = id == null ? 0 : id.length();
    if (length == 0 || length > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }
}
