package dev.loyaltylens.retention;

import dev.loyaltylens.LoyaltyLensException;

/**
 * A pin or a retention run that cannot be done as asked: an unpublished or removed version, a keep
 * below one.
 */
final class RetentionException extends LoyaltyLensException {

  RetentionException(String message) {
    super(message);
  }
}
