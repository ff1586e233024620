package dev.loyaltylens.serving;

/** A customer id that breaks the rule of SPEC section 1. */
final class InvalidCustomerIdException extends ServingException {

  InvalidCustomerIdException(String id) {
    super(400, "customer id `" + Quoting.shorten(id) + "` is not valid: ids are 1 to " + CustomerIds.MAX_LENGTH + " characters of A-Z, a-z, 0-9, _ and -");
  }
}
