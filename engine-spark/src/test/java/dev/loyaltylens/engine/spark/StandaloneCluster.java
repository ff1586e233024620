package dev.loyaltylens.engine.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on loopback, each daemon its own process started with {@code
 * bin/spark-class} from the installed distribution: one master and {@code workers} workers of one
 * core and 1 GB each. Work folders and logs live in a temporary folder; closing stops every process
 * and deletes it.
 */
final class StandaloneCluster implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Path folder;
  private final int masterPort;
  private final int masterWebPort;
  private final List<Process> processes = new ArrayList<>();
  private final Duration startTime;

  private StandaloneCluster(Path sparkHome, int workers) throws IOException, InterruptedException {
    long started = System.nanoTime();
    folder = Files.createTempDirectory("spark-cluster-");
    masterPort = freePort();
    masterWebPort = freePort();
    try {
      start(
          sparkHome,
          "master",
          "org.apache.spark.deploy.master.Master",
          "--host",
          "127.0.0.1",
          "--port",
          Integer.toString(masterPort),
          "--webui-port",
          Integer.toString(masterWebPort));
      for (int i = 1; i <= workers; i++) {
        Path work = Files.createDirectories(folder.resolve("worker-" + i));
        start(
            sparkHome,
            "worker-" + i,
            "org.apache.spark.deploy.worker.Worker",
            url(),
            "--host",
            "127.0.0.1",
            "--cores",
            "1",
            "--memory",
            "1g",
            "--work-dir",
            work.toString(),
            "--webui-port",
            "0");
      }
      awaitWorkers(workers);
    } catch (IOException | InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
    startTime = Duration.ofNanos(System.nanoTime() - started);
  }

  /**
   * Starts a master and {@code workers} workers, and returns once the master counts every worker
   * alive.
   */
  static StandaloneCluster start(int workers) throws IOException, InterruptedException {
    return new StandaloneCluster(SparkDistribution.home(), workers);
  }

  /** The master's URL, which a driver connects to. */
  String url() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** How long the cluster took to start, from the first process to the last worker registered. */
  Duration startTime() {
    return startTime;
  }

  /** How many workers the master counts alive. */
  int aliveWorkers() throws IOException, InterruptedException {
    return state().path("aliveworkers").asInt();
  }

  private void start(Path sparkHome, String name, String... arguments) throws IOException {
    List<String> command =
        new ArrayList<>(List.of(sparkHome.resolve("bin/spark-class").toString()));
    command.addAll(List.of(arguments));
    Path conf = Files.createDirectories(folder.resolve("conf"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve(name + ".log").toFile());
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    builder.environment().put("SPARK_CONF_DIR", conf.toString());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder
        .environment()
        .put("SPARK_LOCAL_DIRS", Files.createDirectories(folder.resolve("local")).toString());
    builder.environment().put("SPARK_LOG_DIR", folder.toString());
    builder.environment().put("SPARK_DAEMON_MEMORY", "512m");
    processes.add(builder.start());
  }

  private void awaitWorkers(int workers) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Process process : processes) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "a Spark daemon exited with " + process.exitValue() + ": see " + folder);
        }
      }
      try {
        if (aliveWorkers() == workers) {
          return;
        }
      } catch (IOException notYetListening) {
        // the master's web UI is not up yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "the Spark cluster did not register "
            + workers
            + " workers within "
            + START_TIMEOUT.toSeconds()
            + " s: see the logs in "
            + folder);
  }

  private JsonNode state() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterWebPort + "/json/"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(response.body());
  }

  /** Stops the workers (which stop their executors), then the master, then removes the folder. */
  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      stop(processes.get(i));
    }
    processes.clear();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not delete " + folder + ": " + e.getMessage(), e);
    }
  }

  private static void stop(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    for (ProcessHandle child : children) {
      child.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
