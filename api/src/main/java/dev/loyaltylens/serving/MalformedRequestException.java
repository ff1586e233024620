package dev.loyaltylens.serving;

/** A request whose parameters or body cannot be understood. */
final class MalformedRequestException extends ServingException {

  MalformedRequestException(String message) {
    super(400, message);
  }
}
