package dev.loyaltylens.validation;

/**
 * One check of the gate on one feature (or on the whole version when {@code feature} is {@code *}).
 *
 * @param figure what was measured, as shown to a user
 * @param threshold what it had to meet
 * @param warning a check that passed but came near its threshold, such as a drift past its warning
 *     level
 */
public record CheckResult(
    String feature,
    String check,
    String figure,
    String threshold,
    boolean passed,
    boolean warning,
    String message) {

  public CheckResult(
      String feature,
      String check,
      String figure,
      String threshold,
      boolean passed,
      String message) {
    this(feature, check, figure, threshold, passed, false, message);
  }

  /** {@code ok}, {@code warn} or {@code fail}. */
  public String level() {
    return !passed ? "fail" : warning ? "warn" : "ok";
  }
}
