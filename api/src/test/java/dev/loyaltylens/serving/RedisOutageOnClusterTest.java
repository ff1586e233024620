package dev.loyaltylens.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.online.testing.RedisServer;
import dev.loyaltylens.online.testing.RedisTestCluster;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisMovedDataException;

/**
 * The Redis mode through outages of a real three-master Redis Cluster: every master stopped, then
 * started again, when the cluster first refuses commands ({@code CLUSTERDOWN}) until its nodes
 * agree again; and one master lost while the others go on answering, until the cluster declares
 * itself down.
 */
class RedisOutageOnClusterTest extends RedisOutageContract {

  private RedisTestCluster cluster;

  @Override
  String startRedis(Path dir) throws Exception {
    cluster = RedisTestCluster.start(dir, 3);
    return cluster.address();
  }

  @Override
  void stopRedis() throws Exception {
    cluster.shutdownSaving();
  }

  @Override
  void startRedisAgain() throws Exception {
    cluster.startAgain();
  }

  @Override
  void closeRedis() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void a_lost_master_gives_503s_not_errors_until_it_is_back_and_the_cluster_ok_again()
      throws Exception {
    PublishedFixture fixture = new PublishedFixture(dir.resolve("home"));
    fixture.publish("v1", AS_OF, PublishedFixture.features(500, 1000));
    String address = startRedis(dir.resolve("redis"));
    OnlineFixture.materialize(address, fixture.home(), "v1");
    ServeSettings settings =
        ServeSettings.local(Files.createDirectories(dir.resolve("empty")))
            .withOnline(address)
            .withPollInterval(Duration.ofMillis(200));
    try (FeatureServer api = FeatureServer.start(settings)) {
      assertThat(api.awaitReady(Duration.ofSeconds(30))).isTrue();
      ApiClient client = new ApiClient(api.port());
      int lost = masterWithoutThePointer();
      RedisServer survivor = cluster.nodes().get((lost + 1) % 3);

      // Only customers the other masters hold: their answers must turn from 200 to 503 when the
      // cluster declares
      // itself down, never to an error.
      Watcher watcher =
          new Watcher(new ApiClient(api.port()), "v1", heldElsewhere(lost, "v1", 500));
      watcher.start();
      cluster.shutdownSaving(lost);
      // The other masters answer until they agree that one is lost (the node timeout), then refuse
      // everything.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      try (Jedis jedis = survivor.jedis()) {
        while (!jedis.clusterInfo().contains("cluster_state:fail")) {
          assertThat(System.nanoTime())
              .as("the cluster saw its master lost within 30 s")
              .isLessThan(deadline);
          Thread.sleep(100);
        }
      }
      Thread.sleep(1_000);
      assertThat(watcher.unavailable()).as("503s while a master was lost").isPositive();

      cluster.startAgain(lost);
      for (int i = 0; i < 500; i++) {
        ApiClient.Answer answer =
            awaitAnswer(client, "/features/c" + i, a -> a.status() == 200, Duration.ofSeconds(10));
        assertThat(answer.json().path("version").asText()).isEqualTo("v1");
      }
      watcher.stop();

      watcher.assertOnly503sAnd200s();
    }
  }

  /**
   * The customers {@code c0 ...} of a version whose buckets another master than {@code node} holds,
   * found by the layout a reader in another language uses: bucket = the first 8 bytes of the id's
   * MD5, unsigned little-endian, modulo the version's {@code buckets}.
   */
  private List<String> heldElsewhere(int node, String version, int customers) throws Exception {
    List<String> ids = new ArrayList<>();
    try (Jedis jedis = cluster.nodes().get(node).jedis()) {
      long buckets =
          Long.parseLong(
              cluster.nodes().stream()
                  .map(
                      server -> {
                        try (Jedis any = server.jedis()) {
                          return any.hget("{loyaltylens}:version:" + version, "buckets");
                        } catch (JedisMovedDataException elsewhere) {
                          return null;
                        }
                      })
                  .filter(java.util.Objects::nonNull)
                  .findFirst()
                  .orElseThrow());
      for (int i = 0; i < customers; i++) {
        String id = "c" + i;
        byte[] digest =
            MessageDigest.getInstance("MD5").digest(id.getBytes(StandardCharsets.UTF_8));
        long bucket =
            Long.remainderUnsigned(
                ByteBuffer.wrap(digest, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong(), buckets);
        try {
          jedis.exists("loyaltylens:vectors:" + version + ":" + bucket);
        } catch (JedisMovedDataException elsewhere) {
          ids.add(id);
        }
      }
    }
    assertThat(ids).isNotEmpty();
    return ids;
  }

  /** A master that does not hold the pointer, so the pointer stays readable while it is lost. */
  private int masterWithoutThePointer() {
    List<RedisServer> nodes = cluster.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      try (Jedis jedis = nodes.get(i).jedis()) {
        jedis.get("{loyaltylens}:current");
      } catch (JedisMovedDataException elsewhere) {
        return i;
      }
    }
    throw new AssertionError("every master holds the pointer's slot");
  }
}
