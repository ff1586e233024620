package dev.loyaltylens.serving;

/** A published snapshot file that cannot be opened or read: missing, deleted by gc, or corrupt. */
final class SnapshotReadException extends ServingException {

  SnapshotReadException(String message, Throwable cause) {
    super(500, message, cause);
  }
}
