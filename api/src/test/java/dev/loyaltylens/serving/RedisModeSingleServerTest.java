package dev.loyaltylens.serving;

import dev.loyaltylens.online.testing.RedisServer;
import java.nio.file.Path;

/** The Redis mode on one real redis-server. */
class RedisModeSingleServerTest extends RedisModeContract {

  private RedisServer server;

  @Override
  String startRedis(Path dir) throws Exception {
    server = RedisServer.start(dir);
    return server.address();
  }

  @Override
  void stopRedis() {
    if (server != null) {
      server.close();
    }
  }
}
