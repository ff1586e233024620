package dev.loyaltylens.cli;

/** The exit codes every verb uses. */
final class ExitCodes {

  static final int OK = 0;
  /** The work failed on its input or its gate: bad events, a failed validation, an unknown version. */
  static final int FAILED = 1;
  /** The command line was wrong. */
  static final int USAGE = 2;
  /** A defect: something that should never happen did. */
  static final int INTERNAL = 70;

  private ExitCodes() {}
}
