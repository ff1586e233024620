package dev.loyaltylens.bench;

import java.util.Arrays;

/** Measured lookup durations and their order statistics. */
final class Latencies {

  private final long[] sorted;

  Latencies(long[] nanos) {
    sorted = nanos.clone();
    Arrays.sort(sorted);
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
