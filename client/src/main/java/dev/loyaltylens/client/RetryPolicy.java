package dev.loyaltylens.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often a call is tried when the service answers 503 or cannot be reached, and how long to wait
 * between tries: doubling from {@code initialBackoff} up to {@code maxBackoff}, each wait drawn
 * between half and all of it so that many clients do not retry in step.
 *
 * @param attempts the most tries of one call, the first included; 1 turns retries off
 */
record RetryPolicy(int attempts, Duration initialBackoff, Duration maxBackoff) {

  RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException(
          "a call is tried at least once, got " + attempts + " attempts");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff runs from a non-negative initial wait up to a larger maximum, got "
              + initialBackoff
              + " and "
              + maxBackoff);
    }
  }

  /** The wait after failed attempt {@code attempt} (1 for the first). */
  long backoffMillis(int attempt) {
    long ceiling = initialBackoff.toMillis() << Math.min(attempt - 1, 30);
    long wait = Math.min(maxBackoff.toMillis(), ceiling);
    return wait <= 1 ? wait : ThreadLocalRandom.current().nextLong(wait / 2, wait + 1);
  }
}
