package dev.loyaltylens;

/**
 * A command line that names a value no command can work with, such as a port out of range: exit
 * code 2.
 */
public class UsageException extends LoyaltyLensException {

  public UsageException(String message) {
    super(message);
  }
}
