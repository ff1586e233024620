package dev.loyaltylens.cli;

import dev.loyaltylens.UsageException;
import dev.loyaltylens.definitions.TemplateHeader;
import dev.loyaltylens.validation.DriftThresholds;
import dev.loyaltylens.validation.GateSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The validation gate's thresholds. */
final class GateOptions {

  @Option(
      names = "--max-null-rate",
      defaultValue = "0.05",
      converter = NumberOptions.Share.class,
      description = "Largest share of nulls in any feature (default: ${DEFAULT-VALUE}).")
  double maxNullRate;

  @Option(
      names = "--max-row-change",
      defaultValue = "0.5",
      converter = NumberOptions.Change.class,
      description =
          "Largest relative change in rows against the previous published version (default: ${DEFAULT-VALUE}).")
  double maxRowChange;

  @Option(
      names = "--psi-warn",
      defaultValue = "0.1",
      description =
          "PSI against the previous published version that warns, for features whose header sets none (default: ${DEFAULT-VALUE}).")
  double psiWarn;

  @Option(
      names = "--psi-fail",
      defaultValue = "0.25",
      description =
          "PSI against the previous published version that fails the gate (default: ${DEFAULT-VALUE}).")
  double psiFail;

  @Option(
      names = "--mean-shift-warn",
      defaultValue = "0.05",
      description =
          "Shift of a numeric feature's mean, over the larger of the previous mean and standard deviation, that warns (default: ${DEFAULT-VALUE}).")
  double meanShiftWarn;

  @Option(
      names = "--mean-shift-fail",
      defaultValue = "0.1",
      description =
          "Shift of a numeric feature's mean that fails the gate (default: ${DEFAULT-VALUE}).")
  double meanShiftFail;

  @Option(
      names = "--null-rate-change-warn",
      defaultValue = "0.005",
      description =
          "Rise in a feature's null rate, as a share, that warns (default: ${DEFAULT-VALUE}, half a point).")
  double nullRateChangeWarn;

  @Option(
      names = "--null-rate-change-fail",
      defaultValue = "0.02",
      description =
          "Rise in a feature's null rate, as a share, that fails the gate (default: ${DEFAULT-VALUE}, two points).")
  double nullRateChangeFail;

  @Option(
      names = "--drift",
      paramLabel = "FEATURE.THRESHOLD=N",
      description =
          "A drift threshold for one feature in this run, over its header's: such as"
              + " monetary_90d.psi_fail=0.4 (psi_warn, psi_fail, mean_shift_warn, mean_shift_fail, null_rate_change_warn,"
              + " null_rate_change_fail); repeatable.")
  List<String> drift = List.of();

  @Option(
      names = "--no-drift",
      description =
          "Skip the drift checks against the previous published version, as for a backfill that replays"
              + " old events on purpose; the fixed checks still run, and the report says the drift was not checked.")
  boolean noDrift;

  GateSettings settings() {
    DriftThresholds defaults;
    try {
      defaults =
          new DriftThresholds(
              psiWarn,
              psiFail,
              meanShiftWarn,
              meanShiftFail,
              nullRateChangeWarn,
              nullRateChangeFail);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--psi-warn "
              + psiWarn
              + ", --psi-fail "
              + psiFail
              + ", --mean-shift-warn "
              + meanShiftWarn
              + ", --mean-shift-fail "
              + meanShiftFail
              + ", --null-rate-change-warn "
              + nullRateChangeWarn
              + " and --null-rate-change-fail "
              + nullRateChangeFail
              + " must be at least 0, each"
              + " warning at most its failure");
    }
    GateSettings settings = new GateSettings(maxNullRate, maxRowChange, defaults, overrides());
    return noDrift ? settings.withoutDrift() : settings;
  }

  private Map<String, Map<String, Double>> overrides() {
    Map<String, Map<String, Double>> overrides = new LinkedHashMap<>();
    for (String entry : drift) {
      int dot = entry.indexOf('.');
      int equals = entry.indexOf('=');
      String key = dot < 0 || equals < dot ? "" : entry.substring(dot + 1, equals);
      Double value = equals < 0 ? null : parse(entry.substring(equals + 1));
      if (dot <= 0 || !TemplateHeader.DRIFT_KEYS.contains(key) || value == null || value < 0) {
        throw new UsageException(
            "--drift "
                + entry
                + " is not FEATURE.THRESHOLD=N with a threshold among "
                + String.join(", ", TemplateHeader.DRIFT_KEYS)
                + " and N at least 0: write it like monetary_90d.psi_fail=0.4");
      }
      overrides
          .computeIfAbsent(entry.substring(0, dot), f -> new LinkedHashMap<>())
          .put(key, value);
    }
    return overrides;
  }

  private static Double parse(String text) {
    try {
      double value = Double.parseDouble(text);
      return Double.isFinite(value) ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
