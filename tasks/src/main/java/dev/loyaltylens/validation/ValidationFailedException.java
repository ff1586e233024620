package dev.loyaltylens.validation;

import dev.loyaltylens.LoyaltyLensException;

/** A version that failed the gate; the message names the feature, the figure and the threshold. */
public final class ValidationFailedException extends LoyaltyLensException {

  public ValidationFailedException(String message) {
    super(message);
  }
}
