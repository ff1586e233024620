package dev.loyaltylens.materialization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.online.testing.RedisServer;
import dev.loyaltylens.testing.Cli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void an_address_that_is_not_redis_is_a_usage_error_before_anything_connects(@TempDir Path dir) {
    Cli.Outcome wrong =
        Cli.run("versions", "--home", dir.toString(), "--online", "http://127.0.0.1:6379");
    Cli.Outcome malformed =
        Cli.run("versions", "--home", dir.toString(), "--online", "redis://127.0.0.1");

    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.err().strip())
        .isEqualTo(
            "error: online store `http://127.0.0.1:6379` is not one LoyaltyLens"
                + " knows: give redis://HOST:PORT for one Redis server or HOST:PORT,HOST:PORT,... for a Redis Cluster");
    assertThat(malformed.exitCode()).isEqualTo(2);
    assertThat(malformed.err().lines())
        .singleElement()
        .asString()
        .contains("is not redis://HOST:PORT");
  }
}
