package dev.loyaltylens.serving;

/** A version id that is not among the published versions. */
final class VersionNotPublishedException extends ServingException {

  VersionNotPublishedException(String version) {
    super(404, "version `" + Quoting.shorten(version) + "` is not published: GET /versions lists the published ones");
  }
}
