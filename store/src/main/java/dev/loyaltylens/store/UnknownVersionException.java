package dev.loyaltylens.store;

/** A version id that the registry does not hold. */
public final class UnknownVersionException extends StoreException {

  public UnknownVersionException(String version) {
    super(
        "version `" + version + "` is not in the registry: run `versions` to list the known ones");
  }
}
