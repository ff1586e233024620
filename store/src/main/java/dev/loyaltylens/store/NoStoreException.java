package dev.loyaltylens.store;

/**
 * A command that reads a store was pointed at a folder that holds none, as a mistyped {@code
 * --home} would be.
 */
public final class NoStoreException extends StoreException {

  NoStoreException(StoreHome home, String missing) {
    super(
        home.root()
            + " holds no LoyaltyLens store (no "
            + missing
            + "): check --home or $LOYALTYLENS_HOME;"
            + " `compute` or `pipeline` makes a store");
  }
}
