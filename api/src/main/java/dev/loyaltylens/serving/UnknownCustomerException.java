package dev.loyaltylens.serving;

/** A well-formed customer id that the version asked for does not hold. */
final class UnknownCustomerException extends ServingException {

  UnknownCustomerException(String id, String version) {
    super(404, "customer `" + id + "` is not in version " + version);
  }
}
