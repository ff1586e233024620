package dev.loyaltylens.client;

/**
 * Something the client could not do, with a message that says what happened and what to do about
 * it.
 */
public class FeatureClientException extends RuntimeException {

  private final int status;

  FeatureClientException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  FeatureClientException(String message) {
    this(message, 0, null);
  }

  /** The HTTP status the service answered, or 0 when no answer came. */
  public int status() {
    return status;
  }
}
