package dev.loyaltylens.cli;

import dev.loyaltylens.command.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pipeline}: generate, compute, validate and publish in one go. */
@Command(
    name = "pipeline",
    description = "Generate events into the home, then compute, validate and publish a version.")
final class PipelineCommand implements Callable<Integer> {

  @Mixin PipelineOptions pipeline;

  @Override
  public Integer call() {
    System.out.println(pipeline.run().version());
    return ExitCodes.OK;
  }
}
