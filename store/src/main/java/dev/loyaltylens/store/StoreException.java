package dev.loyaltylens.store;

import dev.loyaltylens.LoyaltyLensException;

/** A store that cannot be opened, migrated, read or written. */
public class StoreException extends LoyaltyLensException {

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
