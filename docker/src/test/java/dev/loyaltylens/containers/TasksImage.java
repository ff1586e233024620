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
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame.OutputType;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * Runs one CLI verb at a time in the loyaltylens-tasks image, with a store home mounted at /data.
 */
final class TasksImage {

  static final DockerImageName IMAGE = DockerImageName.parse("loyaltylens-tasks:latest");

  private final Path home;

  TasksImage(Path home) {
    this.home = home;
  }

  TaskRun run(String... args) {
    try (GenericContainer<?> container =
        new GenericContainer<>(IMAGE)
            .withNetworkMode("host")
            .withFileSystemBind(home.toString(), "/data", BindMode.READ_WRITE)
            .withCommand(args)
            .withStartupCheckStrategy(
                new ExitedStartupCheck().withTimeout(Duration.ofMinutes(5)))) {
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
