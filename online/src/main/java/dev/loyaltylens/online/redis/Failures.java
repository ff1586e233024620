package dev.loyaltylens.online.redis;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.online.OnlineStoreUnreachableException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/** Turns what Jedis throws into the online store's exceptions, with one line that says what was being done. */
final class Failures {

  private Failures() {}

  static OnlineStoreException of(JedisException e, String address, String doing) {
    String cause = firstLine(e);
    if (e instanceof JedisDataException) {
      return new OnlineStoreException("Redis at " + address + " refused " + doing + ": " + cause, e);
    }
    // A broken connection, a timeout, or no pooled connection free in time: Redis is not answering.
    String hint = e instanceof JedisConnectionException ? "" : " (no connection came free in time)";
    return new OnlineStoreUnreachableException(
        "Redis at " + address + " did not answer while " + doing + hint + ": " + cause, e);
  }

  /** Jedis wraps some failures in one of its own without a message: the cause then says what happened. */
  private static String firstLine(Throwable e) {
    return LoyaltyLensException.firstLine(e.getMessage() == null && e.getCause() != null ? e.getCause() : e);
  }
}
