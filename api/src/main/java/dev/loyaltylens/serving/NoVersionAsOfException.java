package dev.loyaltylens.serving;

/** An as-of instant before every published version. */
final class NoVersionAsOfException extends ServingException {

  NoVersionAsOfException(java.time.Instant asOf) {
    super(404, "no published version is as of " + asOf + " or earlier: GET /versions lists their as_of instants");
  }
}
