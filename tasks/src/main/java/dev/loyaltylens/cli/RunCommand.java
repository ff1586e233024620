package dev.loyaltylens.cli;

import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.compute.FeatureComputation;
import dev.loyaltylens.store.FeatureStatistics;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code run}: the main job on the embedded default, then a short summary of what was published.
 */
@Command(
    name = "run",
    description = "Run the pipeline at default scale and summarise the published version.")
final class RunCommand implements Callable<Integer> {

  @Mixin PipelineOptions pipeline;

  @Override
  public Integer call() {
    Settings settings = pipeline.store.settings();
    FeatureComputation.Result result = pipeline.run();
    PublishedVersion published =
        PublishedManifest.read(settings.home())
            .flatMap(m -> m.find(result.version()))
            .orElseThrow();
    System.out.printf(
        Locale.ROOT,
        "%nPublished %s: %,d customers as of %s%n",
        published.version(),
        published.rowCount(),
        published.asOf());
    if (result.staging() != null) {
      System.out.println("Events: " + result.staging().summary());
    }
    System.out.printf(
        Locale.ROOT, "%n%-24s %10s %10s %10s %10s%n", "FEATURE", "NULL RATE", "MIN", "MEAN", "MAX");
    published
        .statistics()
        .features()
        .forEach(
            (feature, stats) -> {
              FeatureStatistics.Distribution distribution = stats.distribution();
              if (distribution != null) {
                System.out.printf(
                    Locale.ROOT,
                    "%-24s %9.2f%% %10.2f %10.2f %10.2f%n",
                    feature,
                    100 * stats.nullRate(),
                    orZero(distribution.min()),
                    orZero(distribution.mean()),
                    orZero(distribution.max()));
              } else {
                StringBuilder counts = new StringBuilder();
                (stats.categories() == null ? Map.<String, Long>of() : stats.categories())
                    .forEach(
                        (value, count) ->
                            counts
                                .append(counts.length() == 0 ? "" : ", ")
                                .append(String.format(Locale.ROOT, "%s %,d", value, count)));
                System.out.printf(
                    Locale.ROOT, "%-24s %9.2f%%  %s%n", feature, 100 * stats.nullRate(), counts);
              }
            });
    System.out.println("\nStore: " + settings.home().root());
    return ExitCodes.OK;
  }

  private static double orZero(Double figure) {
    return figure == null ? 0 : figure;
  }
}
