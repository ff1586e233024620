package dev.loyaltylens.consistency;

import dev.loyaltylens.LoyaltyLensException;

/**
 * A consistency run that has nothing to compare, or whose logged answers differ from the training
 * set.
 */
public final class ConsistencyException extends LoyaltyLensException {

  public ConsistencyException(String message) {
    super(message);
  }
}
