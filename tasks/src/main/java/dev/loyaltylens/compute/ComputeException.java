package dev.loyaltylens.compute;

import dev.loyaltylens.LoyaltyLensException;

/**
 * Templates that do not fit together or with the Flyway schema: a missing column, a contradicting
 * param.
 */
public final class ComputeException extends LoyaltyLensException {

  public ComputeException(String message) {
    super(message);
  }
}
