package dev.loyaltylens.serving;

import dev.loyaltylens.online.testing.RedisServer;
import java.nio.file.Path;

/** The Redis mode through an outage of one real redis-server. */
class RedisOutageOnOneServerTest extends RedisOutageContract {

  private RedisServer server;

  @Override
  String startRedis(Path dir) throws Exception {
    server = RedisServer.start(dir);
    return server.address();
  }

  @Override
  void stopRedis() throws Exception {
    server.shutdownSaving();
  }

  @Override
  void startRedisAgain() throws Exception {
    server = server.startAgain();
  }

  @Override
  void closeRedis() {
    if (server != null) {
      server.close();
    }
  }
}
