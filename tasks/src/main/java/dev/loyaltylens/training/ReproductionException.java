package dev.loyaltylens.training;

import dev.loyaltylens.LoyaltyLensException;

/**
 * A version that cannot be reproduced at all: removed, never published, or its snapshot or events
 * gone.
 */
final class ReproductionException extends LoyaltyLensException {

  ReproductionException(String message) {
    super(message);
  }
}
