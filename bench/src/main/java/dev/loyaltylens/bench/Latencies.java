package dev.loyaltylens.bench;

import java.util.Arrays;
import java.util.List;

/** Measured lookup durations and their order statistics. */
final class Latencies {

  /** One call of a timed loop: false when it did not find what it asked for. */
  @FunctionalInterface
  interface Call<T> {

    boolean call(T item) throws Exception;
  }

  private final long[] sorted;

  Latencies(long[] nanos) {
    sorted = nanos.clone();
    Arrays.sort(sorted);
  }

  /**
   * Makes every call of {@code warm} untimed, so that caches and the JIT are warm, then times every
   * call of {@code timed}, one at a time; a call that finds nothing stops the run, naming {@code
   * what} and the item.
   */
  static <T> Latencies time(String what, List<T> warm, List<T> timed, Call<T> call)
      throws Exception {
    for (T item : warm) {
      require(what, item, call.call(item));
    }
    long[] nanos = new long[timed.size()];
    for (int i = 0; i < nanos.length; i++) {
      T item = timed.get(i);
      long start = System.nanoTime();
      boolean found = call.call(item);
      nanos[i] = System.nanoTime() - start;
      require(what, item, found);
    }
    return new Latencies(nanos);
  }

  private static void require(String what, Object item, boolean found) {
    if (!found) {
      throw new BenchException(
          what + " did not find " + item + ": the stores were not loaded alike");
    }
  }

  /** The nearest-rank percentile, in nanoseconds. */
  long percentile(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  long median() {
    return percentile(50);
  }

  double mean() {
    return Arrays.stream(sorted).average().orElse(0);
  }

  int count() {
    return sorted.length;
  }
}
