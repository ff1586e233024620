package dev.loyaltylens.online;

/**
 * A version that the online store does not hold complete: never loaded, still loading, or dropped.
 */
public final class VersionNotOnlineException extends OnlineStoreException {

  public VersionNotOnlineException(String version, String address, String why) {
    super(
        "version `"
            + version
            + "` is not complete in the online store "
            + address
            + " ("
            + why
            + "): only loaded versions are served from it");
  }
}
