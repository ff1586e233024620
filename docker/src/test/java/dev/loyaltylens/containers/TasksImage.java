package dev.loyaltylens.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame.OutputType;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * Runs one CLI verb at a time in the loyaltylens-tasks image (or the Spark tasks image), with a
 * store home mounted at /data.
 */
final class TasksImage {

  static final DockerImageName IMAGE = DockerImageName.parse("loyaltylens-tasks:latest");

  /** The tasks image with the Spark engine, built on top of {@link #IMAGE}. */
  static final DockerImageName SPARK_IMAGE =
      DockerImageName.parse("loyaltylens-tasks-spark:latest");

  private final DockerImageName image;
  private final Path home;
  private final Map<String, String> environment;
  private final Duration timeout;

  TasksImage(Path home) {
    this(IMAGE, home, Map.of(), Duration.ofMinutes(5));
  }

  /**
   * Runs in {@code image} with {@code environment} set in the container, each verb allowed {@code
   * timeout}.
   */
  TasksImage(DockerImageName image, Path home, Map<String, String> environment, Duration timeout) {
    this.image = image;
    this.home = home;
    this.environment = environment;
    this.timeout = timeout;
  }

  TaskRun run(String... args) {
    try (GenericContainer<?> container =
        new GenericContainer<>(image)
            .withNetworkMode("host")
            .withFileSystemBind(home.toString(), "/data", BindMode.READ_WRITE)
            .withEnv(environment)
            .withCommand(args)
            .withStartupCheckStrategy(new ExitedStartupCheck().withTimeout(timeout))) {
      container.start();
      long exitCode = container.getCurrentContainerInfo().getState().getExitCodeLong();
      return new TaskRun(
          List.of(args),
          exitCode,
          container.getLogs(OutputType.STDOUT),
          container.getLogs(OutputType.STDERR));
    }
  }

  /** Generates a small event set for the instant and publishes the version computed from it. */
  String publishVersion(String asOf) {
    String events = "/data/events/" + asOf.replace(":", "");
    run(
            "generate",
            "--events",
            "20000",
            "--customers",
            "2000",
            "--days",
            "180",
            "--seed",
            "7",
            "--as-of",
            asOf,
            "--out",
            events)
        .requireSuccess();
    String version =
        run("compute", "--events", events, "--as-of", asOf, "--home", "/data")
            .requireSuccess()
            .lastLine();
    run("validate", "--home", "/data", "--version", version).requireSuccess();
    run("publish", "--home", "/data", "--version", version).requireSuccess();
    return version;
  }

  /** A customer of a published version, read back from its Parquet export in the mounted home. */
  String anyPublishedCustomerId(String version) {
    String export = "export-" + version + ".parquet";
    run("export", "--home", "/data", "--version", version, "--out", "/data/" + export)
        .requireSuccess();
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement query =
            duckdb.prepareStatement("select customer_id from read_parquet(?) limit 1")) {
      query.setString(1, home.resolve(export).toString());
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          throw new AssertionError("the export of " + version + " holds no customer");
        }
        return rows.getString(1);
      }
    } catch (SQLException e) {
      throw new AssertionError("could not read the export of " + version, e);
    }
  }

  /** Counts a one-shot container as started once it has exited, whatever its exit code. */
  private static final class ExitedStartupCheck extends StartupCheckStrategy {

    @Override
    public StartupStatus checkStartupState(DockerClient client, String containerId) {
      ContainerState state = getCurrentState(client, containerId);
      return Boolean.TRUE.equals(state.getRunning())
          ? StartupStatus.NOT_YET_KNOWN
          : StartupStatus.SUCCESSFUL;
    }
  }
}
