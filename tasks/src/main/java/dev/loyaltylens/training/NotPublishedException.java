package dev.loyaltylens.training;

import dev.loyaltylens.LoyaltyLensException;

/**
 * A home with no published version to draw on, a version asked for that is not published, or its
 * snapshot gone.
 */
final class NotPublishedException extends LoyaltyLensException {

  NotPublishedException(String message) {
    super(message);
  }
}
