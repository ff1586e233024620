package dev.loyaltylens.online;

import dev.loyaltylens.online.redis.RedisOnlineStore;
import dev.loyaltylens.online.redis.RedisSettings;

/** Opens the online store an address names; the one setting that chooses it ({@code --online}, {@code LOYALTYLENS_ONLINE}). */
public final class OnlineStores {

  private OnlineStores() {}

  /** {@code redis://HOST:PORT} for one Redis server, {@code HOST:PORT,HOST:PORT,...} for a Redis Cluster. */
  public static OnlineStore open(String address) {
    String trimmed = address == null ? "" : address.strip();
    int scheme = trimmed.indexOf("://");
    if (scheme >= 0 && !trimmed.startsWith("redis://")) {
      throw new OnlineStoreException("online store `" + trimmed + "` is not one LoyaltyLens knows: give"
          + " redis://HOST:PORT for one Redis server or HOST:PORT,HOST:PORT,... for a Redis Cluster");
    }
    return RedisOnlineStore.open(trimmed, RedisSettings.defaults());
  }
}
