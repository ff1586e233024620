package dev.loyaltylens.serving;

/** A request that arrives before any version is loaded. */
final class NotReadyException extends ServingException {

  NotReadyException(String message) {
    super(503, message);
  }
}
