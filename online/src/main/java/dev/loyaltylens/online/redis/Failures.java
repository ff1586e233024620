package dev.loyaltylens.online.redis;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.online.OnlineStoreUnreachableException;
import java.util.List;
import java.util.regex.Pattern;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Turns what Jedis throws into the online store's exceptions, with one line that says what was
 * being done.
 */
final class Failures {

  private static final Pattern JAVA_CLASS_PREFIX =
      Pattern.compile("^(?:[a-z_][a-z0-9_]*\\.)+[A-Z]\\w*: ");

  private Failures() {}

  /**
   * Replies of a Redis that is up but cannot answer for now: a cluster that lost a master or has
   * not yet agreed again after a restart ({@code CLUSTERDOWN}), a server still reading its data
   * back ({@code LOADING}), a slot moving ({@code TRYAGAIN}), a replica without its master ({@code
   * MASTERDOWN}), a script running long ({@code BUSY}). A reader retries them as it retries a
   * server that does not answer.
   */
  private static final List<String> NOT_NOW =
      List.of("CLUSTERDOWN", "LOADING", "TRYAGAIN", "MASTERDOWN", "BUSY");

  static OnlineStoreException of(JedisException e, String address, String doing) {
    String cause = firstLine(e);
    if (e instanceof JedisDataException && isNotNow(cause)) {
      return new OnlineStoreUnreachableException(
          "Redis at " + address + " cannot answer for now while " + doing + ": " + cause, e);
    }
    if (e instanceof JedisDataException) {
      return new OnlineStoreException(
          "Redis at " + address + " refused " + doing + ": " + cause, e);
    }
    // A broken connection, a timeout, or no pooled connection free in time: Redis is not answering.
    String hint = e instanceof JedisConnectionException ? "" : " (no connection came free in time)";
    return new OnlineStoreUnreachableException(
        "Redis at " + address + " did not answer while " + doing + hint + ": " + cause, e);
  }

  private static boolean isNotNow(String reply) {
    return NOT_NOW.stream().anyMatch(code -> reply.startsWith(code + " ") || reply.equals(code));
  }

  /**
   * Jedis wraps some failures in one of its own without a message: the cause then says what
   * happened. A message that is a Java exception's own ({@code java.net.SocketException: Connection
   * reset}) loses the class name, which says nothing to a user.
   */
  private static String firstLine(Throwable e) {
    String line =
        LoyaltyLensException.firstLine(
            e.getMessage() == null && e.getCause() != null ? e.getCause() : e);
    return JAVA_CLASS_PREFIX.matcher(line).replaceFirst("");
  }
}
