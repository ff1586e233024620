package dev.loyaltylens.materialization;

import dev.loyaltylens.online.testing.RedisTestCluster;
import java.nio.file.Path;

/**
 * A publish under 32 connections of the API in Redis mode, on a real three-master Redis Cluster:
 * the version's buckets on every master, the pointer on one, batches grouped by node.
 */
class PublishUnderLoadOnClusterTest extends PublishUnderLoadContract {

  private RedisTestCluster cluster;

  @Override
  String startRedis(Path dir) throws Exception {
    cluster = RedisTestCluster.start(dir, 3);
    return cluster.address();
  }

  @Override
  void closeRedis() {
    if (cluster != null) {
      cluster.close();
    }
  }
}
