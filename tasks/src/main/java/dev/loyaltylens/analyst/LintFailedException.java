package dev.loyaltylens.analyst;

import dev.loyaltylens.LoyaltyLensException;

/** {@code lint} found problems; they were listed before this one-line summary. */
public final class LintFailedException extends LoyaltyLensException {

  public LintFailedException(String summary) {
    super(summary);
  }
}
