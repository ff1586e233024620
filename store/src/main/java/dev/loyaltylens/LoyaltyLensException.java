package dev.loyaltylens;

/**
 * The base of every failure LoyaltyLens reports to a user: its message is one line naming the input
 * and the fix.
 */
public class LoyaltyLensException extends RuntimeException {

  public LoyaltyLensException(String message) {
    super(message);
  }

  public LoyaltyLensException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The first line of a message, stripped: what went wrong, without the statement or the trace that
   * DuckDB, Flyway and FreeMarker append on the lines after it.
   */
  public static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    String text = message.strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline).strip();
  }

  /** The first line of a failure's message. */
  public static String firstLine(Throwable failure) {
    return firstLine(failure == null ? null : failure.getMessage());
  }
}
