package dev.loyaltylens.cli;

import dev.loyaltylens.compute.FeatureComputation;
import dev.loyaltylens.generation.EventGenerator;
import dev.loyaltylens.generation.GeneratorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of a whole run of the pipeline, shared by {@code pipeline} and {@code run}, and the
 * run itself.
 */
final class PipelineOptions {

  private static final DateTimeFormatter FOLDER_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Mixin StoreOptions store;
  @Mixin GeneratorOptions generator;
  @Mixin GateOptions gate;

  @Mixin LookbackOption lookback;

  @Option(
      names = "--max-quarantined-share",
      defaultValue = "0.05",
      converter = NumberOptions.Share.class,
      description =
          "Largest share of bad event rows before the run fails (default: ${DEFAULT-VALUE}).")
  double maxQuarantinedShare;

  /** Generates the events (once per settings), then computes, validates and publishes a version. */
  FeatureComputation.Result run() {
    Settings settings = store.settings();
    GeneratorSettings events = generator.settings();
    Path eventsDir = generateOnce(settings, events);
    FeatureComputation.Result result =
        ComputeCommand.run(settings, eventsDir, events.asOf(), lookback.days, maxQuarantinedShare);
    ValidateCommand.run(settings, gate, result.version());
    PublishCommand.run(settings, result.version());
    return result;
  }

  /**
   * Generated events live in the home, named after their settings, so reruns reuse them and stay
   * reproducible.
   */
  private static Path generateOnce(Settings settings, GeneratorSettings events) {
    Path dir =
        settings
            .home()
            .root()
            .resolve("events")
            .resolve(
                String.format(
                    java.util.Locale.ROOT,
                    "%s-n%d-c%d-d%d-s%d",
                    FOLDER_TIME.format(events.asOf()),
                    events.events(),
                    events.customers(),
                    events.days(),
                    events.seed()));
    Path done = dir.resolve("_SUCCESS");
    if (Files.exists(done)) {
      System.err.println("pipeline: reusing the events in " + dir);
      return dir;
    }
    EventGenerator.generate(events, dir, Progress.toStderr());
    try {
      Files.writeString(done, "");
    } catch (IOException e) {
      throw new dev.loyaltylens.LoyaltyLensException(
          "could not write " + done + ": " + e.getMessage(), e);
    }
    return dir;
  }
}
