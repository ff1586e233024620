package dev.loyaltylens.online.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.online.testing.RedisServer;
import dev.loyaltylens.online.testing.RedisTestCluster;
import dev.loyaltylens.online.testing.TestSnapshots;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The online store on a real three-master Redis Cluster, started once for these tests. */
class ClusterStoreTest extends OnlineStoreContract {

  private RedisTestCluster cluster;

  @BeforeAll
  void startCluster(@TempDir Path servers) throws Exception {
    cluster = RedisTestCluster.start(servers.resolve("cluster"), 3);
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  String address() {
    return cluster.address();
  }

  @Override
  List<RedisServer> nodes() {
    return cluster.nodes();
  }

  @Test
  void a_version_spreads_over_every_master_and_its_metadata_stays_on_one(@TempDir Path dir) {
    try (RedisOnlineStore store = open()) {
      assertThat(store.isCluster()).isTrue();
      load(store, "v1", TestSnapshots.sixFeatures(dir, "v1", 10_000, 1));
      store.makeCurrent(published("v1"));

      long metadataNodes = 0;
      for (RedisServer node : nodes()) {
        assertThat(matching(node, Keys.vectorPattern("v1")))
            .as("vector keys on %s", node.hostAndPort())
            .isGreaterThan(20);
        if (matching(node, Keys.CURRENT) > 0) {
          metadataNodes++;
          assertThat(matching(node, "{loyaltylens}:*"))
              .as("current, versions, published, its digest and v1's metadata")
              .isEqualTo(5);
        }
      }
      assertThat(metadataNodes).isEqualTo(1);
    }
  }

  @Test
  void a_single_node_address_finds_the_whole_cluster(@TempDir Path dir) {
    try (RedisOnlineStore store =
        RedisOnlineStore.open(nodes().get(1).address(), RedisSettings.defaults())) {
      assertThat(store.isCluster()).isTrue();
      load(store, "v1", TestSnapshots.sixFeatures(dir, "v1", 2_000, 1));
      assertHoldsExactly(
          store,
          "v1",
          new TestSnapshots.Snapshot(new dev.loyaltylens.store.StoreHome(dir), "v1").expected());
    }
  }
}
