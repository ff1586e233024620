package dev.loyaltylens.cli;

import dev.loyaltylens.command.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code loyaltylens} command and its verbs; failures become one line on stderr and an exit
 * code.
 */
@Command(
    name = "loyaltylens",
    // --help and --version here; every verb gets its --help from CommandLines (publish and others
    // have a
    // --version V of their own, so the standard pair cannot be inherited).
    mixinStandardHelpOptions = true,
    version = "loyaltylens 0.1.0",
    description = "A versioned, validated feature store on embedded DuckDB.",
    subcommands = {
      GenerateCommand.class,
      ComputeCommand.class,
      ValidateCommand.class,
      PublishCommand.class,
      RollbackCommand.class,
      PipelineCommand.class,
      RunCommand.class,
      VersionsCommand.class,
      ExportCommand.class,
      TrainingSetCommand.class,
      ConsistencyCommand.class,
      ReportCommand.class,
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
    return CommandLines.execute(new LoyaltyLensCli(), args);
  }
}
