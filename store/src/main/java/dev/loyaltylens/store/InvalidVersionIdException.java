package dev.loyaltylens.store;

/**
 * A version id that could not name a snapshot file inside {@code published/}, such as {@code ../x}.
 */
public final class InvalidVersionIdException extends StoreException {

  InvalidVersionIdException(String version) {
    super(
        "`"
            + version
            + "` is not a version id: ids are letters, digits, '.', '_' and '-', as `versions` lists them");
  }
}
