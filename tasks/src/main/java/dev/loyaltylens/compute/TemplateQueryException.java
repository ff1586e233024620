package dev.loyaltylens.compute;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.definitions.TemplateProblem;

/**
 * DuckDB rejected a template's SQL; the message names the template line that wrote the failing
 * part.
 */
public final class TemplateQueryException extends LoyaltyLensException {

  private final transient TemplateProblem problem;

  TemplateQueryException(TemplateProblem problem, Throwable cause) {
    super(problem.toString(), cause);
    this.problem = problem;
  }

  public TemplateProblem problem() {
    return problem;
  }
}
