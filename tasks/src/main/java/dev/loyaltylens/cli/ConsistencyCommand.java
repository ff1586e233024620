package dev.loyaltylens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.consistency.ConsistencyCheck;
import dev.loyaltylens.consistency.ConsistencyException;
import dev.loyaltylens.consistency.ConsistencyReport;
import dev.loyaltylens.store.FeatureStore;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code consistency}: the lookups the API logged against the training set for the same customers
 * and instants.
 */
@Command(
    name = "consistency",
    description = {
      "Join the lookups `serve --log-sample` logged with what `training-set` gives for the same customers and"
          + " instants: per feature the share that matches, is explained by a publish's lag, differs or is missing,"
          + " and the lag from each publish to its first answer.",
      "The result is kept in the store and shown in the version's report; exit 1 when an answer is unexplained."
    })
final class ConsistencyCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Option(
      names = "--since",
      required = true,
      description = "The earliest logged lookup to check, an instant like 2026-11-24T00:00:00Z.")
  Instant since;

  @Override
  public Integer call() {
    Settings settings = store.settings();
    ConsistencyReport report;
    try (FeatureStore featureStore = settings.openStore()) {
      report = new ConsistencyCheck(settings.home(), settings.engine()).run(featureStore, since);
    }
    JsonNode json = report.json();
    JsonNode answers = json.path("answers");
    System.err.printf(
        Locale.ROOT,
        "consistency: %,d logged answers from %s to %s: %,d matched, %,d in a publish's"
            + " lag, %,d differ, %,d missing%n",
        report.lookups(),
        report.since(),
        report.until(),
        answers.path("matched").asLong(),
        answers.path("lag").asLong(),
        answers.path("differ").asLong(),
        answers.path("missing").asLong());
    System.out.printf(
        Locale.ROOT, "%-24s %9s %9s %9s %9s%n", "FEATURE", "MATCH", "LAG", "DIFFER", "MISSING");
    for (Map.Entry<String, JsonNode> feature : json.path("features").properties()) {
      JsonNode counts = feature.getValue();
      System.out.printf(
          Locale.ROOT,
          "%-24s %8.2f%% %8.2f%% %8.2f%% %8.2f%%%n",
          feature.getKey(),
          100 * counts.path("match_share").asDouble(),
          100 * counts.path("lag_share").asDouble(),
          100 * counts.path("differ_share").asDouble(),
          100 * counts.path("missing_share").asDouble());
    }
    for (JsonNode lag : json.path("publish_lags")) {
      System.out.printf(
          Locale.ROOT,
          "publish lag: %s published %s, first answered by %s at %s: %,d ms%n",
          lag.path("version").asText(),
          lag.path("published_at").asText(),
          lag.path("server").asText(),
          lag.path("first_served").asText(),
          lag.path("lag_ms").asLong());
    }
    if (report.unexplained() > 0) {
      JsonNode example = json.path("unexplained").path(0);
      throw new ConsistencyException(
          String.format(
              Locale.ROOT,
              "%,d of %,d logged answers are not explained: such as customer %s at %s, served %s from %s where the"
                  + " training set has %s from %s (feature %s)",
              report.unexplained(),
              report.lookups(),
              example.path("customer_id").asText(),
              example.path("requested_at").asText(),
              example.path("served").asText(),
              example.path("served_version").asText(),
              example.path("trained").asText(),
              example.path("training_version").asText(),
              example.path("feature").asText()));
    }
    return ExitCodes.OK;
  }
}
