package dev.loyaltylens.online.redis;

import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.online.OnlineStoreUnreachableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.resps.ClusterShardInfo;
import redis.clients.jedis.resps.ClusterShardNodeInfo;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The Redis nodes that own the keys: one server, or the masters of a Redis Cluster with the slot
 * each key hashes to. Every node has a pool of connections of its own, so a batch is grouped by
 * node and pipelined per node, and no command ever names keys of two slots.
 */
final class Topology implements AutoCloseable {

  static final int SLOTS = 16_384;

  /** A master and its connections. */
  record Node(HostAndPort hostAndPort, RedisClient client) {

    @Override
    public String toString() {
      return hostAndPort.toString();
    }
  }

  /** The masters, and for a cluster the master of every slot. */
  private record Layout(List<Node> masters, Node[] bySlot) {}

  private final RedisAddress address;
  private final RedisSettings settings;
  private final JedisClientConfig clientConfig;
  private final Map<HostAndPort, RedisClient> clients = new ConcurrentHashMap<>();
  private volatile Layout layout;

  private Topology(RedisAddress address, RedisSettings settings) {
    this.address = address;
    this.settings = settings;
    int millis = (int) settings.timeout().toMillis();
    this.clientConfig =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(millis)
            .socketTimeoutMillis(millis)
            .build();
  }

  static Topology connect(RedisAddress address, RedisSettings settings) {
    Topology topology = new Topology(address, settings);
    topology.refresh();
    return topology;
  }

  boolean isCluster() {
    return layout.bySlot() != null;
  }

  List<Node> masters() {
    return layout.masters();
  }

  /** The node that owns a key. */
  Node nodeFor(byte[] key) {
    Layout current = layout;
    return current.bySlot() == null
        ? current.masters().get(0)
        : current.bySlot()[JedisClusterCRC16.getSlot(key)];
  }

  Node nodeFor(String key) {
    Layout current = layout;
    return current.bySlot() == null
        ? current.masters().get(0)
        : current.bySlot()[JedisClusterCRC16.getSlot(key)];
  }

  /**
   * Asks the first seed that answers which nodes own which slots; after a cluster moved slots, call
   * it again.
   */
  void refresh() {
    JedisException last = null;
    for (HostAndPort seed : address.seeds()) {
      try (Jedis jedis = new Jedis(seed, clientConfig)) {
        boolean cluster = jedis.info("cluster").contains("cluster_enabled:1");
        if (!cluster) {
          if (address.seeds().size() > 1) {
            throw new OnlineStoreException(
                "online store address `"
                    + address.text()
                    + "` names several nodes, but "
                    + seed
                    + " is not part of a Redis Cluster: give one redis://HOST:PORT for a single server");
          }
          layout = new Layout(List.of(node(seed)), null);
        } else {
          layout = clusterLayout(seed, jedis.clusterShards());
        }
        return;
      } catch (JedisException e) {
        last = e;
      }
    }
    throw new OnlineStoreUnreachableException(
        "no Redis answers at "
            + address.text()
            + ": "
            + (last == null ? "no address" : last.getMessage())
            + " (is redis-server running there?)",
        last);
  }

  private Layout clusterLayout(HostAndPort seed, List<ClusterShardInfo> shards) {
    List<Node> masters = new ArrayList<>();
    Node[] bySlot = new Node[SLOTS];
    for (ClusterShardInfo shard : shards) {
      if (shard.getSlots().isEmpty()) {
        continue;
      }
      ClusterShardNodeInfo master =
          shard.getNodes().stream()
              .filter(node -> "master".equals(node.getRole()) && !"fail".equals(node.getHealth()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new OnlineStoreUnreachableException(
                          "a shard of the Redis Cluster at "
                              + address.text()
                              + " has no master that answers",
                          null));
      String host = master.getIp() != null ? master.getIp() : master.getEndpoint();
      Node node = node(new HostAndPort(host, master.getPort().intValue()));
      masters.add(node);
      for (List<Long> range : shard.getSlots()) {
        for (long slot = range.get(0); slot <= range.get(1); slot++) {
          bySlot[(int) slot] = node;
        }
      }
    }
    for (int slot = 0; slot < SLOTS; slot++) {
      if (bySlot[slot] == null) {
        throw new OnlineStoreUnreachableException(
            "slot "
                + slot
                + " of the Redis Cluster at "
                + address.text()
                + " (asked "
                + seed
                + ") has no master: the cluster is not ok; see CLUSTER INFO",
            null);
      }
    }
    return new Layout(List.copyOf(masters), bySlot);
  }

  private Node node(HostAndPort hostAndPort) {
    return new Node(hostAndPort, clients.computeIfAbsent(hostAndPort, this::client));
  }

  private RedisClient client(HostAndPort hostAndPort) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(settings.poolSize());
    pool.setMaxIdle(settings.poolSize());
    pool.setMinIdle(0);
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(settings.timeout());
    // After Redis restarts, every idle connection is dead: a ping each second finds them before
    // requests do.
    pool.setTestWhileIdle(true);
    pool.setTimeBetweenEvictionRuns(java.time.Duration.ofSeconds(1));
    pool.setNumTestsPerEvictionRun(-1);
    return RedisClient.builder()
        .hostAndPort(hostAndPort)
        .clientConfig(clientConfig)
        .poolConfig(pool)
        .build();
  }

  @Override
  public void close() {
    clients.values().forEach(RedisClient::close);
    clients.clear();
  }
}
