package dev.loyaltylens;

/**
 * The base of every failure LoyaltyLens reports to a user: its message is one line naming the input and the fix.
 */
public class LoyaltyLensException extends RuntimeException {

  public LoyaltyLensException(String message) {
    super(message);
  }

  public LoyaltyLensException(String message, Throwable cause) {
    super(message, cause);
  }
}
