package dev.loyaltylens.serving;

import dev.loyaltylens.command.CommandLines;
import dev.loyaltylens.command.ExitCodes;
import java.io.PrintWriter;

/** Entry point of the API jar: {@code serve --home H --port P}. */
public final class ServeMain {

  private ServeMain() {}

  public static void main(String[] args) {
    int code = run(args);
    if (code != ExitCodes.OK) {
      System.exit(code);
    }
  }

  /**
   * Runs the command line; returns its exit code once it stops, which for a started server is at
   * shutdown.
   */
  static int run(String... args) {
    return CommandLines.execute(new ServeCommand(), args);
  }

  static int run(PrintWriter out, PrintWriter err, String... args) {
    return CommandLines.execute(new ServeCommand(), out, err, args);
  }
}
