package dev.loyaltylens.cli;

import dev.loyaltylens.LoyaltyLensException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.TimeZone;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code loyaltylens} command and its verbs; failures become one line on stderr and an exit code. */
@Command(
    name = "loyaltylens",
    mixinStandardHelpOptions = true,
    // every verb inherits --help and --version
    scope = ScopeType.INHERIT,
    version = "loyaltylens 0.1.0",
    description = "A versioned, validated feature store on embedded DuckDB.",
    subcommands = {
      GenerateCommand.class,
      ComputeCommand.class,
      ValidateCommand.class,
      PublishCommand.class,
      PipelineCommand.class,
      RunCommand.class,
      VersionsCommand.class,
      ExportCommand.class,
      TrainingSetCommand.class,
      ReproduceCommand.class,
      PinCommand.class,
      GcCommand.class,
      RenderCommand.class,
      PreviewCommand.class,
      LintCommand.class,
      TestCommand.class,
      DocsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class LoyaltyLensCli {

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show the stack trace of a failure.")
  boolean verbose;

  /** Runs a command line and returns its exit code. */
  public static int run(String... args) {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    CommandLine commandLine = new CommandLine(new LoyaltyLensCli());
    commandLine.registerConverter(Instant.class, Instants::parse);
    commandLine.setExecutionExceptionHandler(LoyaltyLensCli::onFailure);
    commandLine.setParameterExceptionHandler(LoyaltyLensCli::onBadUsage);
    return commandLine.execute(args);
  }

  private static int onFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean verbose = parseResult.hasMatchedOption("--verbose")
        || (parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose"));
    if (e instanceof LoyaltyLensException) {
      err.println("error: " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.FAILED;
    }
    err.println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
        + (verbose ? "" : " (run with --verbose for the stack trace)"));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.INTERNAL;
  }

  private static int onBadUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    // picocli's message names the option: "Invalid value for option '--as-of': `24/11/2026` is not ..."
    err.println("error: " + e.getMessage());
    err.println("usage: " + commandLine.getCommandSpec().qualifiedName() + " --help");
    err.flush();
    return ExitCodes.USAGE;
  }
}
