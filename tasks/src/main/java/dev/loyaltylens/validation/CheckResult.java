package dev.loyaltylens.validation;

/**
 * One check of the gate on one feature (or on the whole version when {@code feature} is {@code *}).
 *
 * @param figure what was measured, as shown to a user
 * @param threshold what it had to meet
 */
public record CheckResult(String feature, String check, String figure, String threshold, boolean passed, String message) {}
