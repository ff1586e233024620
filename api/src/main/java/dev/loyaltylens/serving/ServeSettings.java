package dev.loyaltylens.serving;

import dev.loyaltylens.UsageException;
import dev.loyaltylens.online.OnlineStores;
import dev.loyaltylens.serving.lookups.LookupLogSettings;
import dev.loyaltylens.store.StoreHome;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the API serves, read once from the options and the environment.
 *
 * @param host the address to listen on; the loopback address unless told otherwise
 * @param port 0 for any free port
 * @param threads the most requests answered at once
 * @param pollInterval how often the published manifest is looked at
 * @param apiKey the key every route but {@code /health} requires, or null for an open API
 * @param online the online store to answer from ({@code redis://HOST:PORT}, or {@code
 *     HOST:PORT,...} for a cluster), holding no vectors in this process; null for the embedded
 *     in-memory index of {@code home}
 * @param lookupLog which answered lookups are kept in the home for {@code consistency}; none by
 *     default
 */
public record ServeSettings(
    StoreHome home,
    String host,
    int port,
    int threads,
    Duration pollInterval,
    String apiKey,
    String online,
    LookupLogSettings lookupLog) {

  public static final String API_KEY_ENV = "LOYALTYLENS_API_KEY";
  public static final String ONLINE_ENV = "LOYALTYLENS_ONLINE";
  public static final int DEFAULT_THREADS = 16;

  public ServeSettings {
    if (port < 0 || port > 65_535) {
      throw new UsageException("port " + port + " is not a TCP port: give 0 to 65535");
    }
    if (threads < 1) {
      throw new UsageException("threads must be at least 1, got " + threads);
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new UsageException("the poll interval must be positive, got " + pollInterval);
    }
    online = online == null || online.isBlank() ? null : OnlineStores.check(online);
  }

  /** Serving from the in-memory index of {@code home}, logging no lookup. */
  public ServeSettings(
      StoreHome home, String host, int port, int threads, Duration pollInterval, String apiKey) {
    this(home, host, port, threads, pollInterval, apiKey, null);
  }

  /** Logging no lookup. */
  public ServeSettings(
      StoreHome home,
      String host,
      int port,
      int threads,
      Duration pollInterval,
      String apiKey,
      String online) {
    this(home, host, port, threads, pollInterval, apiKey, online, LookupLogSettings.OFF);
  }

  /** Loopback, any free port, the default threads, a one-second poll and no API key. */
  public static ServeSettings local(Path home) {
    return new ServeSettings(
        new StoreHome(home), "127.0.0.1", 0, DEFAULT_THREADS, Duration.ofSeconds(1), null);
  }

  public ServeSettings withPollInterval(Duration interval) {
    return new ServeSettings(home, host, port, threads, interval, apiKey, online, lookupLog);
  }

  public ServeSettings withApiKey(String key) {
    return new ServeSettings(home, host, port, threads, pollInterval, key, online, lookupLog);
  }

  public ServeSettings withLookupLog(LookupLogSettings log) {
    return new ServeSettings(home, host, port, threads, pollInterval, apiKey, online, log);
  }

  /** The same, answering from an online store instead of memory. */
  public ServeSettings withOnline(String address) {
    return new ServeSettings(home, host, port, threads, pollInterval, apiKey, address, lookupLog);
  }
}
