package dev.loyaltylens.online;

import dev.loyaltylens.LoyaltyLensException;

/** An online store that cannot be reached, loaded, read or changed as asked. */
public class OnlineStoreException extends LoyaltyLensException {

  public OnlineStoreException(String message) {
    super(message);
  }

  public OnlineStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
