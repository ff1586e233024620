package dev.loyaltylens.engine;

import dev.loyaltylens.LoyaltyLensException;

/** A run chose an engine that the class path does not offer. */
public final class UnknownEngineException extends LoyaltyLensException {

  UnknownEngineException(String message) {
    super(message);
  }
}
