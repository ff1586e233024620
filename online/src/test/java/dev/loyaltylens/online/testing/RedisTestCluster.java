package dev.loyaltylens.online.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * A real Redis Cluster of three masters for tests: three {@code redis-server --cluster-enabled yes}
 * processes, each with its cluster config file in a folder of its own, joined by {@code redis-cli
 * --cluster create}, ready once every node says {@code cluster_state:ok}.
 */
public final class RedisTestCluster implements AutoCloseable {

  private final List<RedisServer> nodes;

  private RedisTestCluster(List<RedisServer> nodes) {
    this.nodes = new ArrayList<>(nodes);
  }

  public static RedisTestCluster start(Path root, int masters)
      throws IOException, InterruptedException {
    List<RedisServer> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < masters; i++) {
        Path dir = root.resolve("node-" + i);
        nodes.add(
            RedisServer.start(
                dir,
                List.of(
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    dir.resolve("nodes.conf").toString(),
                    "--cluster-port",
                    Integer.toString(RedisServer.freePort()),
                    "--cluster-node-timeout",
                    "5000")));
      }
      RedisTestCluster cluster = new RedisTestCluster(nodes);
      cluster.create(root);
      cluster.awaitOk();
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      nodes.forEach(RedisServer::close);
      throw e;
    }
  }

  public List<RedisServer> nodes() {
    return List.copyOf(nodes);
  }

  /**
   * Stops every node as an operator does ({@link RedisServer#shutdownSaving}), keeping their data
   * and config files.
   */
  public void shutdownSaving() throws InterruptedException {
    for (RedisServer node : nodes) {
      node.shutdownSaving();
    }
  }

  /** Stops one node as an operator does, keeping its data and config file; the others go on. */
  public void shutdownSaving(int node) throws InterruptedException {
    nodes.get(node).shutdownSaving();
  }

  /**
   * Starts a node stopped by {@link #shutdownSaving(int)} again; returns once the cluster is ok
   * again.
   */
  public void startAgain(int node) throws IOException, InterruptedException {
    nodes.set(node, nodes.get(node).startAgain());
    awaitOk();
  }

  /**
   * Starts every node stopped by {@link #shutdownSaving} again; returns once the cluster is ok
   * again.
   */
  public void startAgain() throws IOException, InterruptedException {
    for (int i = 0; i < nodes.size(); i++) {
      nodes.set(i, nodes.get(i).startAgain());
    }
    awaitOk();
  }

  /** The address of the cluster as the store takes it: every node, comma-separated. */
  public String address() {
    return nodes.stream().map(node -> "127.0.0.1:" + node.port()).collect(Collectors.joining(","));
  }

  private void create(Path root) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(RedisServer.executable("redis-cli").toString(), "--cluster", "create"));
    nodes.forEach(node -> command.add("127.0.0.1:" + node.port()));
    command.add("--cluster-yes");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("cluster-create.log").toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "redis-cli --cluster create failed: "
              + java.nio.file.Files.readString(root.resolve("cluster-create.log")).strip());
    }
  }

  private void awaitOk() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String last = "";
    while (System.nanoTime() < deadline) {
      boolean ok = true;
      for (RedisServer node : nodes) {
        try (Jedis jedis = node.jedis()) {
          last = jedis.clusterInfo();
          ok &=
              last.contains("cluster_state:ok")
                  && last.contains("cluster_known_nodes:" + nodes.size())
                  && last.contains("cluster_slots_ok:16384");
        }
      }
      if (ok) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the test cluster was not ok within 30 s: " + last);
  }

  @Override
  public void close() {
    nodes.forEach(RedisServer::close);
  }
}
