package dev.loyaltylens.online.redis;

import dev.loyaltylens.online.testing.RedisServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The online store on one real redis-server, started once for these tests. */
class SingleServerStoreTest extends OnlineStoreContract {

  private RedisServer server;

  @BeforeAll
  void startServer(@TempDir Path servers) throws Exception {
    server = RedisServer.start(servers.resolve("redis"));
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  String address() {
    return server.address();
  }

  @Override
  List<RedisServer> nodes() {
    return List.of(server);
  }
}
