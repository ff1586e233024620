package dev.loyaltylens.compute;

import dev.loyaltylens.LoyaltyLensException;

/** A template whose SQL DuckDB rejects, or templates that do not match the Flyway schema. */
public final class ComputeException extends LoyaltyLensException {

  public ComputeException(String message) {
    super(message);
  }

  public ComputeException(String message, Throwable cause) {
    super(message, cause);
  }
}
