package dev.loyaltylens.online;

/**
 * The online store did not answer (refused, timed out, or the connection broke): a reader answers
 * 503 and retries later.
 */
public final class OnlineStoreUnreachableException extends OnlineStoreException {

  public OnlineStoreUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
