package dev.loyaltylens.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The feature values of one vector, by name, in the version's column order. A missing value (SQL
 * null) reads as an empty optional; a name the version does not have, or a value read as a type it
 * does not have, is an error that names the feature, so a model never silently scores a wrong
 * input.
 */
public final class FeatureValues {

  private final String version;
  private final FeatureNames names;

  /** Long, Double, String, Boolean or null, one per name. */
  private final Object[] values;

  FeatureValues(String version, FeatureNames names, Object[] values) {
    this.version = version;
    this.names = names;
    this.values = values;
  }

  /** The feature names, in the version's column order. */
  public List<String> names() {
    return names.list();
  }

  public boolean has(String name) {
    return names.position(name) >= 0;
  }

  /** Whether the feature has no value for this customer. */
  public boolean isNull(String name) {
    return raw(name) == null;
  }

  /** An integer feature such as {@code recency_days}; fails for a value outside the int range. */
  public OptionalInt intValue(String name) {
    Object value = raw(name);
    if (value == null) {
      return OptionalInt.empty();
    }
    if (value instanceof Long number
        && number >= Integer.MIN_VALUE
        && number <= Integer.MAX_VALUE) {
      return OptionalInt.of(number.intValue());
    }
    throw wrongType(name, value, "an int");
  }

  /** An integer feature, of any size. */
  public OptionalLong longValue(String name) {
    Object value = raw(name);
    if (value == null) {
      return OptionalLong.empty();
    }
    if (value instanceof Long number) {
      return OptionalLong.of(number);
    }
    throw wrongType(name, value, "an integer");
  }

  /** A numeric feature such as {@code monetary_90d}; integer features read as doubles too. */
  public OptionalDouble doubleValue(String name) {
    Object value = raw(name);
    if (value == null) {
      return OptionalDouble.empty();
    }
    if (value instanceof Number number) {
      return OptionalDouble.of(number.doubleValue());
    }
    throw wrongType(name, value, "a number");
  }

  /** A text feature such as {@code channel_preference}. */
  public Optional<String> text(String name) {
    Object value = raw(name);
    if (value == null || value instanceof String) {
      return Optional.ofNullable((String) value);
    }
    throw wrongType(name, value, "text");
  }

  public Optional<Boolean> booleanValue(String name) {
    Object value = raw(name);
    if (value == null || value instanceof Boolean) {
      return Optional.ofNullable((Boolean) value);
    }
    throw wrongType(name, value, "a boolean");
  }

  /** Every value by name, in column order: Long, Double, String, Boolean or null. */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      map.put(names.name(i), values[i]);
    }
    return Collections.unmodifiableMap(map);
  }

  /** The value at a position of {@link #names()}, for jobs that write every feature in order. */
  public Object valueAt(int position) {
    return values[position];
  }

  @Override
  public String toString() {
    return asMap().toString();
  }

  private Object raw(String name) {
    int position = names.position(name);
    if (position < 0) {
      throw new UnknownFeatureException(
          "feature `"
              + name
              + "` is not in version "
              + version
              + ": it has "
              + String.join(", ", names.list()));
    }
    return values[position];
  }

  private static FeatureTypeException wrongType(String name, Object value, String wanted) {
    String kind =
        value instanceof String
            ? "text"
            : value instanceof Boolean
                ? "a boolean"
                : value instanceof Double ? "a number with a fraction" : "an integer";
    String shown = value instanceof String text ? '"' + text + '"' : String.valueOf(value);
    return new FeatureTypeException(
        "feature `"
            + name
            + "` is "
            + kind
            + " ("
            + shown
            + "), not "
            + wanted
            + ": read it with the matching method");
  }
}
