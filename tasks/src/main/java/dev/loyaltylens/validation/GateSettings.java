package dev.loyaltylens.validation;

/**
 * The gate's thresholds.
 *
 * @param maxNullRate the largest share of nulls any feature column may have
 * @param maxRowChange the largest relative change in row count against the previous published version
 */
public record GateSettings(double maxNullRate, double maxRowChange) {

  public static GateSettings defaults() {
    return new GateSettings(0.05, 0.5);
  }
}
