package dev.loyaltylens.generation;

import dev.loyaltylens.LoyaltyLensException;

/**
 * Synthetic events could not be generated: a bad option or an output folder that cannot be written.
 */
public final class GenerationException extends LoyaltyLensException {

  public GenerationException(String message) {
    super(message);
  }

  public GenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
