package dev.loyaltylens.bench;

import dev.loyaltylens.LoyaltyLensException;
import java.util.TimeZone;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the benchmark jar: {@code bench lookups --rows N --lookups L}. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    version = "loyaltylens 0.1.0",
    description = "Benchmarks of LoyaltyLens on this machine.",
    subcommands = {LookupsCommand.class, IdsCommand.class, ClientCommand.class, CommandLine.HelpCommand.class})
public final class BenchMain {

  private static final int FAILED = 1;
  private static final int USAGE = 2;
  private static final int INTERNAL = 70;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    CommandLine commandLine = new CommandLine(new BenchMain());
    commandLine.setParameterExceptionHandler((e, ignored) -> {
      e.getCommandLine().getErr().println("error: " + e.getMessage() + " (see --help)");
      return USAGE;
    });
    commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof LoyaltyLensException) {
        line.getErr().println("error: " + e.getMessage());
        return FAILED;
      }
      line.getErr().println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
      e.printStackTrace(line.getErr());
      return INTERNAL;
    });
    return commandLine.execute(args);
  }
}
