package dev.loyaltylens.materialization;

import dev.loyaltylens.online.testing.RedisServer;
import dev.loyaltylens.online.testing.RedisTestCluster;
import java.nio.file.Path;
import java.util.List;

/** Publishing, rolling back and collecting with a real three-master Redis Cluster. */
class MaterializationOnClusterTest extends MaterializationContract {

  private RedisTestCluster cluster;

  @Override
  void startRedis(Path dir) throws Exception {
    cluster = RedisTestCluster.start(dir, 3);
  }

  @Override
  List<RedisServer> nodes() {
    return cluster.nodes();
  }

  @Override
  void stopRedis() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  String address() {
    return cluster.address();
  }
}
