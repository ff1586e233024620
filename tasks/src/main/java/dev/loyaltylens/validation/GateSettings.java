package dev.loyaltylens.validation;

import java.util.Map;

/**
 * The gate's thresholds.
 *
 * @param maxNullRate the largest share of nulls any feature column may have
 * @param maxRowChange the largest relative change in row count against the previous published
 *     version
 * @param drift the drift thresholds of every feature whose header and run set none; null to skip
 *     the drift checks
 * @param driftOverrides thresholds this run sets for single features, by feature then by name
 *     ({@code monetary_90d -> psi_fail -> 0.4}); they win over the feature's header
 */
public record GateSettings(
    double maxNullRate,
    double maxRowChange,
    DriftThresholds drift,
    Map<String, Map<String, Double>> driftOverrides) {

  public GateSettings {
    driftOverrides = Map.copyOf(driftOverrides);
  }

  public GateSettings(double maxNullRate, double maxRowChange) {
    this(maxNullRate, maxRowChange, DriftThresholds.defaults(), Map.of());
  }

  public static GateSettings defaults() {
    return new GateSettings(0.05, 0.5);
  }

  /**
   * These settings without the drift checks, for a run that replays old events on purpose (a
   * backfill).
   */
  public GateSettings withoutDrift() {
    return new GateSettings(maxNullRate, maxRowChange, null, driftOverrides);
  }
}
