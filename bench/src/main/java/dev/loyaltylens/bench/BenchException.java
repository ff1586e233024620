package dev.loyaltylens.bench;

import dev.loyaltylens.LoyaltyLensException;

/** A benchmark that cannot prepare its data or whose measurement went wrong. */
public class BenchException extends LoyaltyLensException {

  public BenchException(String message) {
    super(message);
  }

  public BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
