package dev.loyaltylens.definitions;

import java.util.List;

/**
 * A check a template header declares on its column; the validation gate runs it on every version.
 */
public sealed interface Check {

  /** The check as written in a header, for reports and the catalog. */
  String describe();

  /** The column has no null value. */
  record NotNull() implements Check {
    @Override
    public String describe() {
      return "not_null";
    }
  }

  /** Every non-null value lies within [min, max]. */
  record Range(double min, double max) implements Check {
    @Override
    public String describe() {
      return "range: [" + format(min) + ", " + format(max) + "]";
    }
  }

  /** Every non-null value is one of the listed values. */
  record AcceptedValues(List<String> values) implements Check {
    public AcceptedValues {
      values = List.copyOf(values);
    }

    @Override
    public String describe() {
      return "accepted_values: [" + String.join(", ", values) + "]";
    }
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }
}
