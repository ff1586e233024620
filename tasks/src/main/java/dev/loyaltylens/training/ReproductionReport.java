package dev.loyaltylens.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What reproducing a version found: whether the recomputed vectors equal the published ones value
 * for value, and every reason the recomputation could not be exact (changed inputs, changed
 * templates).
 *
 * @param rows the published version's rows
 * @param features the features compared
 * @param caveats why the recomputation is not the same computation, one line each; empty when it is
 * @param differingCustomers customers with at least one differing value, or present on one side
 *     only
 * @param differences one line per differing feature and per one-sided customer set, naming the
 *     first customers
 */
public record ReproductionReport(
    String version,
    long rows,
    int features,
    List<String> caveats,
    long differingCustomers,
    List<String> differences) {

  public ReproductionReport {
    caveats = List.copyOf(caveats);
    differences = List.copyOf(differences);
  }

  /** Every value of every row is equal. */
  public boolean matches() {
    return differingCustomers == 0;
  }

  /** Equal values from the same inputs and the same templates. */
  public boolean isExact() {
    return matches() && caveats.isEmpty();
  }

  /** The report for a terminal: caveats, then the verdict, then the differences. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>(caveats);
    if (isExact()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "reproduced %s exactly: %,d rows, %d features",
              version,
              rows,
              features));
    } else if (matches()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "the values of %s match: %,d rows, %d features, but not as an exact reproduction (see above)",
              version,
              rows,
              features));
    } else {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s does not reproduce: %,d customer%s differ%s (it has %,d rows, %d features compared)",
              version,
              differingCustomers,
              differingCustomers == 1 ? "" : "s",
              differingCustomers == 1 ? "s" : "",
              rows,
              features));
      differences.forEach(line -> lines.add("  " + line));
    }
    return lines;
  }
}
