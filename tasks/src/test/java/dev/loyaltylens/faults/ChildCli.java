package dev.loyaltylens.faults;

import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command line in a child JVM, as a scheduler runs it, so that it can be killed like any
 * process.
 */
final class ChildCli {

  /** How a child run ended. */
  record Outcome(int exitCode, String output, Duration took) {

    String lastLine() {
      List<String> lines = output.strip().lines().toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }

  private final Path logs;
  private int runs;

  ChildCli(Path logs) {
    this.logs = logs;
  }

  /**
   * Starts a verb with the project's own templates and migrations; its output goes to a log file.
   */
  Running start(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.timezone=UTC",
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                Cli.mainClass().getName()));
    command.addAll(List.of(args));
    command.addAll(
        List.of(
            "--sql",
            Project.sql().toString(),
            "--migrations",
            Project.migrations().toString(),
            "--memory-limit",
            "512MB"));
    Path log = logs.resolve("run-" + ++runs + "-" + args[0] + ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new Running(process, log, System.nanoTime());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a verb to its end, at most two minutes. */
  Outcome run(String... args) {
    return start(args).await();
  }

  /** A started child. */
  record Running(Process process, Path log, long startNanos) {

    Outcome await() {
      try {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
          throw new AssertionError("still running after 120 s: " + Files.readString(log));
        }
        return outcome();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Sends SIGKILL (what {@code destroyForcibly} does on Linux, like {@code kill -9}) and waits
     * for the end.
     *
     * @return whether the process was still running when it was killed
     */
    boolean kill() {
      boolean alive = process.isAlive();
      process.destroyForcibly();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          throw new AssertionError("did not die within 30 s of SIGKILL");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return alive;
    }

    private Outcome outcome() throws IOException {
      return new Outcome(
          process.exitValue(),
          Files.readString(log),
          Duration.ofNanos(System.nanoTime() - startNanos));
    }
  }
}
