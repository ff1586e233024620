package dev.loyaltylens.serving;

/** A batch with more ids, or more bytes, than one call may carry. */
final class BatchTooLargeException extends ServingException {

  BatchTooLargeException(String message) {
    super(413, message);
  }
}
