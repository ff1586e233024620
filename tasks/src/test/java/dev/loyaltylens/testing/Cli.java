package dev.loyaltylens.testing;

import dev.loyaltylens.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
      return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** The class that starts the CLI, for tests that run it as a separate process. */
  public static Class<?> mainClass() {
    return Main.class;
  }
}
