package dev.loyaltylens.materialization;

import dev.loyaltylens.online.testing.RedisServer;
import java.nio.file.Path;
import java.util.List;

/** Publishing, rolling back and collecting with one real redis-server. */
class MaterializationOnOneServerTest extends MaterializationContract {

  private RedisServer server;

  @Override
  void startRedis(Path dir) throws Exception {
    server = RedisServer.start(dir);
  }

  @Override
  List<RedisServer> nodes() {
    return List.of(server);
  }

  @Override
  void stopRedis() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  String address() {
    return server.address();
  }
}
