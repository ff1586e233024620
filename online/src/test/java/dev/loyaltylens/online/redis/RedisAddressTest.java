package dev.loyaltylens.online.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyaltylens.UsageException;
import dev.loyaltylens.online.OnlineStores;
import dev.loyaltylens.online.testing.RedisServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

/** Addresses of one server and of a cluster's nodes, and the one-line errors for the others. */
class RedisAddressTest {

  @Test
  void reads_one_server_and_the_nodes_of_a_cluster() {
    assertThat(RedisAddress.parse("redis://127.0.0.1:6379").seeds())
        .containsExactly(new HostAndPort("127.0.0.1", 6379));
    assertThat(RedisAddress.parse(" 10.0.0.1:7000, redis://node-b:7001,[::1]:7002 ").seeds())
        .containsExactly(
            new HostAndPort("10.0.0.1", 7000),
            new HostAndPort("node-b", 7001),
            new HostAndPort("::1", 7002));
  }

  @Test
  void refuses_what_is_not_host_and_port_and_says_what_it_takes() {
    for (String wrong :
        new String[] {
          "", "redis://localhost", "localhost:0", "a:1,,b:2", "redis://h:1/0", "h:99999"
        }) {
      assertThatThrownBy(() -> RedisAddress.parse(wrong))
          .as(wrong)
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("is not redis://HOST:PORT, nor HOST:PORT,HOST:PORT,...");
    }
  }

  @Test
  void an_online_store_of_another_kind_is_refused_by_name() {
    assertThatThrownBy(() -> OnlineStores.open("memcached://127.0.0.1:11211"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "online store `memcached://127.0.0.1:11211` is not one LoyaltyLens knows: give"
                + " redis://HOST:PORT for one Redis server or HOST:PORT,HOST:PORT,... for a Redis Cluster");
  }

  @Test
  void no_server_at_the_address_is_a_one_line_unreachable_error() throws Exception {
    int closed = RedisServer.freePort();
    assertThatThrownBy(() -> OnlineStores.open("redis://127.0.0.1:" + closed))
        .isInstanceOf(dev.loyaltylens.online.OnlineStoreUnreachableException.class)
        .hasMessageStartingWith("no Redis answers at redis://127.0.0.1:" + closed + ": ")
        .hasMessageEndingWith("(is redis-server running there?)");
  }
}
