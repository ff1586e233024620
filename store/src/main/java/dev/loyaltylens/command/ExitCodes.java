package dev.loyaltylens.command;

/**
 * The exit codes of every LoyaltyLens command, the same for the tasks, {@code serve} and {@code
 * bench}.
 */
public final class ExitCodes {

  public static final int OK = 0;

  /**
   * The work failed on its input or its gate: bad events, a failed validation, an unknown version.
   */
  public static final int FAILED = 1;

  /** The command line was wrong. */
  public static final int USAGE = 2;

  /** A defect: something that should never happen did. */
  public static final int INTERNAL = 70;

  private ExitCodes() {}
}
