package dev.loyaltylens.serving;

import dev.loyaltylens.LoyaltyLensException;
import java.io.PrintWriter;
import java.util.TimeZone;
import picocli.CommandLine;

/** Entry point of the API jar: {@code serve --home H --port P}. */
public final class ServeMain {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int INTERNAL = 70;

  private ServeMain() {}

  public static void main(String[] args) {
    int code = run(args);
    if (code != OK) {
      System.exit(code);
    }
  }

  /** Runs the command line; returns its exit code once it stops, which for a started server is at shutdown. */
  static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  static int run(PrintWriter out, PrintWriter err, String... args) {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    CommandLine commandLine = new CommandLine(new ServeCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler((e, ignored) -> {
      e.getCommandLine().getErr().println("error: " + e.getMessage() + " (see --help)");
      return USAGE;
    });
    commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof LoyaltyLensException) {
        line.getErr().println("error: " + e.getMessage());
        return e instanceof ServingException serving && serving.status() == 400 ? USAGE : FAILED;
      }
      line.getErr().println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return INTERNAL;
    });
    return commandLine.execute(args);
  }
}
