package dev.loyaltylens.online.redis;

import dev.loyaltylens.UsageException;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.HostAndPort;

/**
 * Where Redis is: {@code redis://HOST:PORT} for one server (or one node of a cluster, which names
 * the others), or several {@code HOST:PORT} separated by commas for the nodes of a Redis Cluster.
 *
 * @param text the address as the user wrote it
 */
public record RedisAddress(String text, List<HostAndPort> seeds) {

  private static final String SCHEME = "redis://";

  public RedisAddress {
    seeds = List.copyOf(seeds);
  }

  public static RedisAddress parse(String text) {
    String trimmed = text == null ? "" : text.strip();
    List<HostAndPort> seeds = new ArrayList<>();
    for (String part : trimmed.split(",", -1)) {
      seeds.add(hostAndPort(trimmed, part.strip()));
    }
    return new RedisAddress(trimmed, seeds);
  }

  private static HostAndPort hostAndPort(String text, String part) {
    String rest = part.startsWith(SCHEME) ? part.substring(SCHEME.length()) : part;
    int colon = rest.lastIndexOf(':');
    String host = colon < 0 ? "" : rest.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String port = colon < 0 ? "" : rest.substring(colon + 1);
    if (host.isEmpty()
        || !port.matches("\\d{1,5}")
        || Integer.parseInt(port) < 1
        || Integer.parseInt(port) > 65535
        || rest.contains("/")
        || rest.contains("@")) {
      throw new UsageException(
          "online store address `"
              + text
              + "` is not redis://HOST:PORT, nor HOST:PORT,HOST:PORT,... for the nodes"
              + " of a Redis Cluster (`"
              + part
              + "` is not HOST:PORT)");
    }
    return new HostAndPort(host, Integer.parseInt(port));
  }
}
