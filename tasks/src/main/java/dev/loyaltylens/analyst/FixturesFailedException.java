package dev.loyaltylens.analyst;

import dev.loyaltylens.LoyaltyLensException;

/**
 * A fixture's computed values differ from its expected ones; the differences were listed before
 * this.
 */
public final class FixturesFailedException extends LoyaltyLensException {

  public FixturesFailedException(String summary) {
    super(summary);
  }
}
