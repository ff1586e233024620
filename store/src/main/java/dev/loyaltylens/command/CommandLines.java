package dev.loyaltylens.command;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.UsageException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.TimeZone;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Runs a picocli command the way every LoyaltyLens entry point does: instants read by {@link
 * Instants}, the JVM in UTC, and every failure turned into one {@code error:} line and an exit code
 * of {@link ExitCodes}, with the stack trace only under {@code --verbose}.
 */
public final class CommandLines {

  private CommandLines() {}

  /**
   * Runs {@code command} on {@code args}, printing to {@code out} and {@code err}; returns the exit
   * code.
   */
  public static int execute(Object command, PrintWriter out, PrintWriter err, String... args) {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    CommandLine commandLine = new CommandLine(command);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.registerConverter(Instant.class, Instants::parseOption);
    commandLine.setExecutionExceptionHandler(CommandLines::onFailure);
    commandLine.setParameterExceptionHandler(CommandLines::onBadUsage);
    answerHelp(commandLine);
    return commandLine.execute(args);
  }

  /**
   * Gives every command and subcommand a {@code --help} that prints its help whatever else is
   * missing, unless it has one already.
   */
  private static void answerHelp(CommandLine commandLine) {
    CommandSpec spec = commandLine.getCommandSpec();
    if (!spec.optionsMap().containsKey("--help")) {
      String[] names =
          spec.optionsMap().containsKey("-h")
              ? new String[] {"--help"}
              : new String[] {"-h", "--help"};
      spec.addOption(
          OptionSpec.builder(names)
              .usageHelp(true)
              .description("Show this help and exit.")
              .build());
    }
    commandLine.getSubcommands().values().forEach(CommandLines::answerHelp);
  }

  /** Runs {@code command} on {@code args} with the process's own stdout and stderr. */
  public static int execute(Object command, String... args) {
    return execute(
        command, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  private static int onFailure(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean verbose = verbose(parseResult);
    int code;
    if (e instanceof LoyaltyLensException) {
      err.println("error: " + e.getMessage());
      code = e instanceof UsageException ? ExitCodes.USAGE : ExitCodes.FAILED;
    } else {
      err.println(
          "error: unexpected "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + (verbose ? "" : " (run with --verbose for the stack trace)"));
      code = ExitCodes.INTERNAL;
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  private static boolean verbose(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult result = parseResult;
        result != null;
        result = result.subcommand()) {
      if (result.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static int onBadUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    // picocli's message names the option and the value, such as "Invalid value for option
    // '--as-of': ..."
    err.println(
        "error: "
            + e.getMessage()
            + " (see "
            + commandLine.getCommandSpec().qualifiedName()
            + " --help)");
    err.flush();
    return ExitCodes.USAGE;
  }
}
