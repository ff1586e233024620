package dev.loyaltylens.testing;

import dev.loyaltylens.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the command line in this JVM and captures what a user would see. */
public final class Cli {

  /** What a run printed and returned. */
  public record Outcome(int exitCode, String out, String err) {

    public String lastLine() {
      List<String> lines = out.strip().lines().toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }

  private Cli() {}

  public static synchronized Outcome run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--sql=" + Project.sql());
    all.add("--migrations=" + Project.migrations());
    all.add("--memory-limit=1GB");
    return runRaw(all.toArray(String[]::new));
  }

  public static synchronized Outcome runRaw(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = dev.loyaltylens.cli.LoyaltyLensCli.run(args);
      return new Outcome(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /**
   * Runs the command line in a separate JVM, with the project's templates and migrations, a 1GB
   * memory limit unless {@code args} give one, extra JVM options (such as {@code
   * -XX:ActiveProcessorCount=2}) and extra environment variables (such as {@code TZ}).
   */
  public static Outcome inChildJvm(
      List<String> jvmOptions, Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Duser.timezone=UTC");
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass().getName()));
    command.addAll(List.of(args));
    command.addAll(
        List.of(
            "--sql", Project.sql().toString(), "--migrations", Project.migrations().toString()));
    if (!List.of(args).contains("--memory-limit")) {
      command.addAll(List.of("--memory-limit", "1GB"));
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    Path err = Files.createTempFile("loyaltylens-err", ".txt");
    try {
      Process process = builder.redirectError(err.toFile()).start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      process.getInputStream().transferTo(out);
      if (!process.waitFor(300, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the child JVM did not finish within 300 s: " + command);
      }
      return new Outcome(
          process.exitValue(), out.toString(StandardCharsets.UTF_8), Files.readString(err));
    } finally {
      Files.delete(err);
    }
  }

  /** The class that starts the CLI, for tests that run it as a separate process. */
  public static Class<?> mainClass() {
    return Main.class;
  }
}
