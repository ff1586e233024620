package dev.loyaltylens.bench;

import dev.loyaltylens.command.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the benchmark jar: {@code bench lookups --rows N --lookups L}. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    version = "loyaltylens 0.1.0",
    description = "Benchmarks of LoyaltyLens on this machine.",
    subcommands = {
      LookupsCommand.class,
      IdsCommand.class,
      ClientCommand.class,
      OnlineCommand.class,
      FloorCommand.class,
      DirtyEventsCommand.class,
      EnginesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class BenchMain {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return CommandLines.execute(new BenchMain(), args);
  }
}
