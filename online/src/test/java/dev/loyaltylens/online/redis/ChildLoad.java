package dev.loyaltylens.online.redis;

import dev.loyaltylens.online.SnapshotVectors;
import dev.loyaltylens.store.StoreHome;
import java.nio.file.Path;

/**
 * A load in a JVM of its own, for tests that kill it: {@code ChildLoad ADDRESS HOME VERSION
 * WINDOW_ROWS} loads the snapshot of VERSION in HOME. Prints {@code loaded N} after each window and
 * {@code complete} at the end.
 */
public final class ChildLoad {

  private ChildLoad() {}

  public static void main(String[] args) {
    RedisSettings settings = RedisSettings.defaults().withWindowRows(Integer.parseInt(args[3]));
    try (RedisOnlineStore store = RedisOnlineStore.open(args[0], settings);
        SnapshotVectors source = SnapshotVectors.open(new StoreHome(Path.of(args[1])), args[2])) {
      store.load(
          args[2], OnlineStoreContract.AS_OF, source, rows -> System.out.println("loaded " + rows));
    }
    System.out.println("complete");
  }
}
