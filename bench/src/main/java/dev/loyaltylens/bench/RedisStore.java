package dev.loyaltylens.bench;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Redis on this machine: one hash per customer ({@code HSET}), read back whole with {@code
 * HGETALL}. Its keys carry a prefix of their own and are removed at the end, so a Redis in use
 * keeps its other data.
 */
final class RedisStore implements LookupStore {

  static final String PREFIX = "loyaltylens:bench:";
  private static final int PIPELINE = 10_000;

  private final Jedis jedis;

  private RedisStore(Jedis jedis) {
    this.jedis = jedis;
  }

  /** Connects, or returns null when no Redis answers on that port. */
  static RedisStore connect(int port) {
    Jedis jedis = new Jedis("127.0.0.1", port);
    try {
      jedis.ping();
      return new RedisStore(jedis);
    } catch (JedisConnectionException e) {
      jedis.close();
      return null;
    }
  }

  void load(BenchData data) {
    String[] names = BenchData.COLUMNS.stream().map(c -> c.name()).toArray(String[]::new);
    long[] pending = {0};
    try (Pipeline pipeline = jedis.pipelined()) {
      data.forEachRow(
          rs -> {
            try {
              pipeline.hset(PREFIX + rs.getString(1), fields(rs, names));
              if (++pending[0] % PIPELINE == 0) {
                pipeline.sync();
              }
            } catch (SQLException e) {
              throw new BenchException("could not read a benchmark row: " + e.getMessage(), e);
            }
          });
      pipeline.sync();
    }
  }

  @Override
  public String name() {
    return "Redis (HGETALL, Jedis)";
  }

  @Override
  public boolean lookup(String customerId) {
    return !jedis.hgetAll(PREFIX + customerId).isEmpty();
  }

  /** Removes every key with the benchmark's prefix, a past run's too, then disconnects. */
  @Override
  public void close() {
    try {
      ScanParams matching = new ScanParams().match(PREFIX + "*").count(PIPELINE);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = jedis.scan(cursor, matching);
        if (!page.getResult().isEmpty()) {
          jedis.unlink(page.getResult().toArray(String[]::new));
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    } finally {
      jedis.close();
    }
  }

  private static Map<String, String> fields(ResultSet rs, String[] names) throws SQLException {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      String value = rs.getString(i + 2);
      if (value != null) {
        fields.put(names[i], value);
      }
    }
    return fields;
  }
}
