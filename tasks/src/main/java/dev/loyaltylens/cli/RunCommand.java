package dev.loyaltylens.cli;

import dev.loyaltylens.command.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loyaltylens.compute.FeatureComputation;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code run}: the main job on the embedded default, then a short summary of what was published. */
@Command(name = "run", description = "Run the pipeline at default scale and summarise the published version.")
final class RunCommand implements Callable<Integer> {

  @Mixin PipelineOptions pipeline;

  @Override
  public Integer call() {
    Settings settings = pipeline.store.settings();
    FeatureComputation.Result result = pipeline.run();
    PublishedVersion published =
        PublishedManifest.read(settings.home()).flatMap(m -> m.find(result.version())).orElseThrow();
    System.out.printf(
        Locale.ROOT, "%nPublished %s: %,d customers as of %s%n", published.version(), published.rowCount(),
        published.asOf());
    if (result.staging() != null) {
      System.out.println("Events: " + result.staging().summary());
    }
    System.out.printf(Locale.ROOT, "%n%-24s %10s %10s %10s %10s%n", "FEATURE", "NULL RATE", "MIN", "MEAN", "MAX");
    for (var field : (Iterable<Map.Entry<String, JsonNode>>) published.stats()::fields) {
      JsonNode stats = field.getValue();
      if (stats.has("mean")) {
        System.out.printf(
            Locale.ROOT, "%-24s %9.2f%% %10.2f %10.2f %10.2f%n", field.getKey(), 100 * stats.path("null_rate").asDouble(),
            stats.path("min").asDouble(), stats.path("mean").asDouble(), stats.path("max").asDouble());
      } else {
        StringBuilder counts = new StringBuilder();
        stats.path("categories").fields().forEachRemaining(
            category -> counts.append(counts.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %,d", category.getKey(), category.getValue().asLong())));
        System.out.printf(
            Locale.ROOT, "%-24s %9.2f%%  %s%n", field.getKey(), 100 * stats.path("null_rate").asDouble(), counts);
      }
    }
    System.out.println("\nStore: " + settings.home().root());
    return ExitCodes.OK;
  }
}
