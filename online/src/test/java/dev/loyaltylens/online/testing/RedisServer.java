package dev.loyaltylens.online.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ShutdownParams;

/**
 * A real {@code redis-server} for tests: on a free loopback port, without persistence ({@code
 * --save '' --appendonly no}), in a folder of its own that is deleted with it. Outside CI a machine
 * without redis-server skips the test; on CI (which installs it) that is a failure. The modules
 * that serve and publish through the online store use it too (the online module's test jar).
 */
public final class RedisServer implements AutoCloseable {

  private static final List<Path> LOCATIONS =
      List.of(Path.of("/usr/bin"), Path.of("/usr/local/bin"));

  private final Path dir;
  private final int port;
  private final List<String> extra;
  private final Process process;

  private RedisServer(Path dir, int port, List<String> extra, Process process) {
    this.dir = dir;
    this.port = port;
    this.extra = List.copyOf(extra);
    this.process = process;
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
  }

  /** Starts a server in {@code dir} (created), with extra arguments such as the cluster ones. */
  public static RedisServer start(Path dir, List<String> extra)
      throws IOException, InterruptedException {
    return start(dir, freePort(), extra);
  }

  /** Starts a server on a given port, as a restart of one that was stopped does. */
  public static RedisServer start(Path dir, int port, List<String> extra)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    List<String> command =
        new ArrayList<>(
            List.of(
                executable("redis-server").toString(),
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString()));
    command.addAll(extra);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    RedisServer server = new RedisServer(dir, port, extra, process);
    server.awaitReady();
    return server;
  }

  public static RedisServer start(Path dir) throws IOException, InterruptedException {
    return start(dir, List.of());
  }

  /** A program of the redis-server package; skips or fails the test when it is not installed. */
  public static Path executable(String name) {
    for (Path location : LOCATIONS) {
      Path candidate = location.resolve(name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String missing = name + " is not installed: apt-get install -y redis-server";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(missing);
    }
    Assumptions.abort(missing);
    throw new AssertionError(missing);
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  public HostAndPort hostAndPort() {
    return new HostAndPort("127.0.0.1", port);
  }

  /** The address of this one server, as the store takes it. */
  public String address() {
    return "redis://127.0.0.1:" + port;
  }

  /** A connection of the test's own, to look at keys behind the store's back. */
  public Jedis jedis() {
    return new Jedis(hostAndPort());
  }

  private void awaitReady() throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server on port " + port + " exited: " + log());
      }
      try (Jedis jedis = jedis()) {
        if ("PONG".equals(jedis.ping())) {
          return;
        }
      } catch (JedisException notYet) {
        Thread.sleep(50);
      }
    }
    close();
    throw new IllegalStateException(
        "redis-server on port " + port + " did not answer within 20 s: " + log());
  }

  private String log() throws IOException {
    Path log = dir.resolve("redis.log");
    return Files.exists(log) ? Files.readString(log).strip() : "(no log)";
  }

  /**
   * Starts the server again after {@link #shutdownSaving}: in its folder, on its port, with its
   * arguments (a cluster node's config file too), so it has its keys back and, in a cluster,
   * rejoins it.
   */
  public RedisServer startAgain() throws IOException, InterruptedException {
    return start(dir, port, extra);
  }

  /** Kills the server, keeping its folder. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /**
   * Stops the server as an operator does, saving its data to {@code dump.rdb} in its folder first,
   * so that a server started again in the folder on the same port ({@link #start(Path, int, List)})
   * has the same keys.
   */
  public void shutdownSaving() throws InterruptedException {
    try (Jedis jedis = jedis()) {
      jedis.shutdown(ShutdownParams.shutdownParams().save());
    } catch (JedisException closedAsItStopped) {
      // SHUTDOWN closes the connection instead of answering.
    }
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException("redis-server on port " + port + " did not stop within 20 s");
    }
  }

  /** Kills the server and deletes its folder. */
  @Override
  public void close() {
    try {
      kill();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not delete " + dir + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
