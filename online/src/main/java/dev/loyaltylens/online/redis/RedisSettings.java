package dev.loyaltylens.online.redis;

import dev.loyaltylens.online.OnlineStoreException;
import java.time.Duration;

/**
 * How the store talks to Redis.
 *
 * @param timeout connect and read timeout of every command, and the longest wait for a pooled
 *     connection
 * @param poolSize connections per Redis node, shared by the threads of one process
 * @param windowRows rows a load groups by bucket before sending them, so each bucket gets one
 *     command per window: the heap holds one window, never the whole version
 * @param commandsPerSync commands a load sends to a node before it reads their replies
 */
public record RedisSettings(Duration timeout, int poolSize, int windowRows, int commandsPerSync) {

  /** The largest window: a window row's index is kept in 24 bits beside its bucket. */
  static final int MAX_WINDOW_ROWS = 1 << 24;

  public RedisSettings {
    if (timeout.isNegative()
        || timeout.isZero()
        || poolSize < 1
        || commandsPerSync < 1
        || windowRows < 1
        || windowRows > MAX_WINDOW_ROWS) {
      throw new OnlineStoreException(
          "Redis settings out of range: timeout "
              + timeout
              + ", pool "
              + poolSize
              + ", window "
              + windowRows
              + " rows (at most "
              + MAX_WINDOW_ROWS
              + "), "
              + commandsPerSync
              + " commands per sync");
    }
  }

  /**
   * Two-second timeouts, 64 connections per node, windows of 524,288 rows, 1,000 commands per sync.
   */
  public static RedisSettings defaults() {
    return new RedisSettings(Duration.ofSeconds(2), 64, 1 << 19, 1_000);
  }

  public RedisSettings withWindowRows(int rows) {
    return new RedisSettings(timeout, poolSize, rows, commandsPerSync);
  }
}
