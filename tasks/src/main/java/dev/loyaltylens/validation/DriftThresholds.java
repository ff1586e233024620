package dev.loyaltylens.validation;

import dev.loyaltylens.definitions.TemplateHeader;
import java.util.Map;

/**
 * When a feature's drift against the previous published version warns and when it fails the gate:
 * the population stability index of its distribution, the shift of a numeric feature's mean (in
 * units of the previous version's mean or standard deviation, whichever is larger), and the rise of
 * its null rate (a share: 0.02 is two points).
 */
public record DriftThresholds(
    double psiWarn,
    double psiFail,
    double meanShiftWarn,
    double meanShiftFail,
    double nullRateChangeWarn,
    double nullRateChangeFail) {

  public DriftThresholds {
    require("psi_warn", psiWarn, psiFail, "psi_fail");
    require("mean_shift_warn", meanShiftWarn, meanShiftFail, "mean_shift_fail");
    require(
        "null_rate_change_warn", nullRateChangeWarn, nullRateChangeFail, "null_rate_change_fail");
  }

  /**
   * PSI 0.1 warns and 0.25 fails, the usual reading of the index; a mean moved by 5% of its scale
   * warns and by 10% fails; a null rate up by half a point warns and by 2 points fails.
   */
  public static DriftThresholds defaults() {
    return new DriftThresholds(0.1, 0.25, 0.05, 0.1, 0.005, 0.02);
  }

  /**
   * These thresholds with some replaced by name ({@link TemplateHeader#DRIFT_KEYS}); a warning set
   * above its failure raises the failure with it, and a failure set below its warning lowers the
   * warning.
   */
  public DriftThresholds with(Map<String, ? extends Number> values) {
    double[] t = {
      psiWarn, psiFail, meanShiftWarn, meanShiftFail, nullRateChangeWarn, nullRateChangeFail
    };
    for (Map.Entry<String, ? extends Number> value : values.entrySet()) {
      int index = TemplateHeader.DRIFT_KEYS.indexOf(value.getKey());
      if (index < 0) {
        throw new IllegalArgumentException("no drift threshold `" + value.getKey() + "`");
      }
      double number = value.getValue().doubleValue();
      t[index] = number;
      int pair = index % 2 == 0 ? index + 1 : index - 1;
      t[pair] = index % 2 == 0 ? Math.max(t[pair], number) : Math.min(t[pair], number);
    }
    return new DriftThresholds(t[0], t[1], t[2], t[3], t[4], t[5]);
  }

  private static void require(String warnName, double warn, double fail, String failName) {
    if (!(warn >= 0) || !(fail >= 0) || warn > fail) {
      throw new IllegalArgumentException(
          warnName
              + " "
              + warn
              + " and "
              + failName
              + " "
              + fail
              + " must be numbers at least 0, the warning at most"
              + " the failure");
    }
  }
}
