package dev.loyaltylens.compute;

import dev.loyaltylens.LoyaltyLensException;

/**
 * Events that cannot be computed from: a missing folder, an unreadable file, a missing column, too
 * many bad rows.
 */
public final class BadInputException extends LoyaltyLensException {

  public BadInputException(String message) {
    super(message);
  }
}
