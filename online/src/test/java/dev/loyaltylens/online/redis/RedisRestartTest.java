package dev.loyaltylens.online.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyaltylens.online.OnlineStoreUnreachableException;
import dev.loyaltylens.online.testing.RedisServer;
import dev.loyaltylens.online.testing.TestSnapshots;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis stopped and started again under an open store: unreachable meanwhile, then served again,
 * never reopened.
 */
@Tag("redis")
class RedisRestartTest {

  @Test
  void reads_fail_as_unreachable_while_redis_is_down_and_recover_by_themselves(@TempDir Path dir)
      throws Exception {
    TestSnapshots.Snapshot v1 = TestSnapshots.sixFeatures(dir, "v1", 1_000, 1);
    String someone = v1.ids().get(0);
    RedisServer server = RedisServer.start(dir.resolve("redis"));
    int port = server.port();
    try (RedisOnlineStore store =
        RedisOnlineStore.open(server.address(), RedisSettings.defaults())) {
      OnlineStoreContract.load(store, "v1", v1);
      store.makeCurrent(OnlineStoreContract.published("v1"));
      for (int i = 0; i < 20; i++) {
        assertThat(store.read("v1", someone)).isPresent();
      }

      server.kill();
      assertThatThrownBy(() -> store.read("v1", someone))
          .isInstanceOf(OnlineStoreUnreachableException.class)
          .hasMessageContaining("did not answer while reading");

      server = RedisServer.start(dir.resolve("redis"), port, List.of());
      // Nothing is persisted: the restarted Redis is empty until the version is loaded again.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      boolean loaded = false;
      while (!loaded && System.nanoTime() < deadline) {
        try {
          OnlineStoreContract.load(store, "v1", v1);
          store.makeCurrent(OnlineStoreContract.published("v1"));
          loaded = true;
        } catch (OnlineStoreUnreachableException stillBroken) {
          Thread.sleep(100);
        }
      }

      assertThat(loaded).as("loaded again within 10 s of the restart").isTrue();
      assertThat(store.current()).isPresent();
      assertThat(store.read("v1", someone)).isPresent();
    } finally {
      server.close();
    }
  }
}
