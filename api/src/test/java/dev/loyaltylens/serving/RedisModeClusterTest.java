package dev.loyaltylens.serving;

import dev.loyaltylens.online.testing.RedisTestCluster;
import java.nio.file.Path;

/**
 * The Redis mode on a real three-master Redis Cluster: batches are grouped by node and pipelined.
 */
class RedisModeClusterTest extends RedisModeContract {

  private RedisTestCluster cluster;

  @Override
  String startRedis(Path dir) throws Exception {
    cluster = RedisTestCluster.start(dir, 3);
    return cluster.address();
  }

  @Override
  void stopRedis() {
    if (cluster != null) {
      cluster.close();
    }
  }
}
