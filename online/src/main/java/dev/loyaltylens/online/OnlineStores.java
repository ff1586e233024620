package dev.loyaltylens.online;

import dev.loyaltylens.UsageException;
import dev.loyaltylens.online.redis.RedisAddress;
import dev.loyaltylens.online.redis.RedisOnlineStore;
import dev.loyaltylens.online.redis.RedisSettings;

/**
 * Opens the online store an address names; the one setting that chooses it ({@code --online},
 * {@code LOYALTYLENS_ONLINE}).
 */
public final class OnlineStores {

  private OnlineStores() {}

  /**
   * {@code redis://HOST:PORT} for one Redis server, {@code HOST:PORT,HOST:PORT,...} for a Redis
   * Cluster.
   */
  public static OnlineStore open(String address) {
    return RedisOnlineStore.open(check(address), RedisSettings.defaults());
  }

  /**
   * The address, stripped, once it is one an online store takes; a command line that names another
   * is a usage error ({@link UsageException}), found before anything connects.
   */
  public static String check(String address) {
    String trimmed = address == null ? "" : address.strip();
    int scheme = trimmed.indexOf("://");
    if (scheme >= 0 && !trimmed.startsWith("redis://")) {
      throw new UsageException(
          "online store `"
              + trimmed
              + "` is not one LoyaltyLens knows: give"
              + " redis://HOST:PORT for one Redis server or HOST:PORT,HOST:PORT,... for a Redis Cluster");
    }
    RedisAddress.parse(trimmed);
    return trimmed;
  }
}
