package dev.loyaltylens.definitions;

import dev.loyaltylens.LoyaltyLensException;

/**
 * A template under {@code sql/} that cannot be read, parsed, ordered or rendered; the message names
 * file and line.
 */
public class DefinitionException extends LoyaltyLensException {

  public DefinitionException(String message) {
    super(message);
  }

  public DefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
