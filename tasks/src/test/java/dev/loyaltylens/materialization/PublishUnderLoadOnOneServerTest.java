package dev.loyaltylens.materialization;

import dev.loyaltylens.online.testing.RedisServer;
import java.nio.file.Path;

/** A publish under 32 connections of the API in Redis mode, on one real redis-server. */
class PublishUnderLoadOnOneServerTest extends PublishUnderLoadContract {

  private RedisServer server;

  @Override
  String startRedis(Path dir) throws Exception {
    server = RedisServer.start(dir);
    return server.address();
  }

  @Override
  void closeRedis() {
    if (server != null) {
      server.close();
    }
  }
}
