package dev.loyaltylens.training;

import dev.loyaltylens.LoyaltyLensException;

/**
 * A labels file that cannot make a training set: missing, unreadable, or without a usable
 * customer_id or label_ts.
 */
final class BadLabelsException extends LoyaltyLensException {

  BadLabelsException(String message) {
    super(message);
  }
}
