package dev.loyaltylens.serving;

import dev.loyaltylens.LoyaltyLensException;

/** A request the API cannot answer as asked, carrying the HTTP status that says why. */
public class ServingException extends LoyaltyLensException {

  private final int status;

  public ServingException(int status, String message) {
    super(message);
    this.status = status;
  }

  public ServingException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
