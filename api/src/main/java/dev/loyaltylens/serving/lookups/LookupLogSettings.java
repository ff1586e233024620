package dev.loyaltylens.serving.lookups;

import dev.loyaltylens.UsageException;
import java.time.Duration;

/**
 * How much of the answered lookups is kept, and how much room the log may take.
 *
 * @param sampleRate the share of customers whose lookups are logged, 0 (none, the default) to 1
 *     (all)
 * @param maxBytes the most the log's files may take together; the oldest files go first
 * @param flushInterval how long a logged lookup may wait in memory before it is in a file
 */
public record LookupLogSettings(double sampleRate, long maxBytes, Duration flushInterval) {

  public static final LookupLogSettings OFF = new LookupLogSettings(0, 0, Duration.ofSeconds(5));

  public LookupLogSettings {
    if (!(sampleRate >= 0 && sampleRate <= 1)) {
      throw new UsageException(
          "--log-sample "
              + sampleRate
              + " is not a share: give 0 (no log) to 1 (every lookup),"
              + " such as 0.01");
    }
    if (sampleRate > 0 && maxBytes < 1024 * 1024) {
      throw new UsageException(
          "the lookup log needs at least 1 MB (--log-max-mb), got " + maxBytes + " bytes");
    }
    if (flushInterval.isNegative() || flushInterval.isZero()) {
      throw new UsageException(
          "the lookup log's flush interval must be positive, got " + flushInterval);
    }
  }

  public static LookupLogSettings sample(double rate, long maxMegabytes) {
    return new LookupLogSettings(rate, maxMegabytes * 1024 * 1024, OFF.flushInterval());
  }

  public LookupLogSettings withFlushInterval(Duration interval) {
    return new LookupLogSettings(sampleRate, maxBytes, interval);
  }

  public boolean enabled() {
    return sampleRate > 0;
  }
}
