package dev.loyaltylens.cli;

import dev.loyaltylens.store.EngineSettings;
import dev.loyaltylens.store.StoreException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters for the numeric options, which refuse a value outside what the option means while the
 * command line is read, so that it is a usage error (exit 2) naming the option. A {@code NaN}
 * threshold in particular would otherwise switch its check off, since every comparison with it is
 * false.
 */
final class NumberOptions {

  /** The longest history or lookback, in days: a hundred years. */
  static final int MAX_DAYS = 36_500;

  private NumberOptions() {}

  /** A share, such as the largest null rate: a finite number from 0 to 1. */
  static final class Share implements ITypeConverter<Double> {
    @Override
    public Double convert(String text) {
      double value = finite(text);
      if (value < 0 || value > 1) {
        throw new TypeConversionException(
            "`" + text + "` is not a share from 0 to 1: write it like 0.05 for 5%");
      }
      return value;
    }
  }

  /**
   * A relative change, such as the largest change in rows: a finite number of at least 0 (1 is
   * 100%).
   */
  static final class Change implements ITypeConverter<Double> {
    @Override
    public Double convert(String text) {
      double value = finite(text);
      if (value < 0) {
        throw new TypeConversionException(
            "`" + text + "` is negative: write a change like 0.5 for 50%");
      }
      return value;
    }
  }

  /** A count of at least 1, such as the rows to print or the versions to keep. */
  static final class Positive implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      return Math.toIntExact(atLeastOne(text, Integer.MAX_VALUE));
    }
  }

  /** A large count of at least 1, such as the events to generate. */
  static final class PositiveLong implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
      return atLeastOne(text, Long.MAX_VALUE);
    }
  }

  /** Days of history or of lookback: from 1 to {@link #MAX_DAYS}. */
  static final class Days implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      return Math.toIntExact(atLeastOne(text, MAX_DAYS));
    }
  }

  /** DuckDB's memory limit, a size such as {@code 4GB}; it is text, but a number with a unit. */
  static final class MemoryLimit implements ITypeConverter<String> {
    @Override
    public String convert(String text) {
      try {
        return new EngineSettings(text, 1).memoryLimit();
      } catch (StoreException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  private static double finite(String text) {
    double value;
    try {
      value = Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("`" + text + "` is not a number");
    }
    if (!Double.isFinite(value)) {
      throw new TypeConversionException(
          "`" + text + "` is not a finite number: write it like 0.05");
    }
    return value;
  }

  private static long atLeastOne(String text, long max) {
    long value;
    try {
      value = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("`" + text + "` is not a whole number");
    }
    if (value < 1) {
      throw new TypeConversionException("`" + text + "` is less than 1");
    }
    if (value > max) {
      throw new TypeConversionException(
          String.format(Locale.ROOT, "`%s` is more than %,d", text, max));
    }
    return value;
  }
}
