package dev.loyaltylens.cli;

import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.generation.EventGenerator;
import dev.loyaltylens.generation.GenerationSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code generate}: synthetic events as Parquet, deterministic for a seed. */
@Command(
    name = "generate",
    description = "Write synthetic customer events as Parquet files under --out.")
final class GenerateCommand implements Callable<Integer> {

  @Mixin GeneratorOptions generator;

  @Option(names = "--out", required = true, description = "Folder to write the Parquet files to.")
  Path out;

  @Override
  public Integer call() {
    GenerationSummary summary =
        EventGenerator.generate(generator.settings(), out, Progress.toStderr());
    System.out.printf(
        java.util.Locale.ROOT,
        "generated %,d events for %,d customers in %d files under %s (%.1fs)%n",
        summary.events(),
        summary.customers(),
        summary.files().size(),
        out,
        summary.took().toMillis() / 1000.0);
    return ExitCodes.OK;
  }
}
