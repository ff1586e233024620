package dev.loyaltylens.analyst;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.definitions.TemplateProblem;

/** A fixture file that cannot be read; the message names its line and column. */
public final class FixtureFormatException extends LoyaltyLensException {

  private final transient TemplateProblem problem;

  FixtureFormatException(TemplateProblem problem) {
    super(problem.toString());
    this.problem = problem;
  }

  public TemplateProblem problem() {
    return problem;
  }
}
