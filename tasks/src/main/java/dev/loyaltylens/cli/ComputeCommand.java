package dev.loyaltylens.cli;

import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.compute.FeatureComputation;
import dev.loyaltylens.compute.ScannedEvents;
import dev.loyaltylens.engine.Engine;
import dev.loyaltylens.engine.EngineOptions;
import dev.loyaltylens.engine.Engines;
import dev.loyaltylens.store.DiskFullException;
import dev.loyaltylens.store.FeatureStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code compute}: a candidate version from an events folder; its id is the last line of stdout.
 */
@Command(
    name = "compute",
    description = "Compute a candidate version of every feature; prints its version id last.")
final class ComputeCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Mixin RunInputOptions run;

  @Mixin EngineOption engine;

  @Option(
      names = "--max-quarantined-share",
      defaultValue = "0.05",
      converter = NumberOptions.Share.class,
      description =
          "Largest share of bad event rows before the run fails (default: ${DEFAULT-VALUE}).")
  double maxQuarantinedShare;

  @Override
  public Integer call() {
    System.out.println(
        run(
                store.settings(),
                run.requireEvents(),
                run.asOf,
                run.lookbackDays(),
                maxQuarantinedShare,
                engine.options())
            .version());
    return ExitCodes.OK;
  }

  static FeatureComputation.Result run(
      Settings settings, Path events, Instant asOf, int lookbackDays, double maxQuarantinedShare) {
    return run(settings, events, asOf, lookbackDays, maxQuarantinedShare, EngineOptions.DUCKDB);
  }

  static FeatureComputation.Result run(
      Settings settings,
      Path events,
      Instant asOf,
      int lookbackDays,
      double maxQuarantinedShare,
      EngineOptions engineOptions) {
    var definitions = settings.definitions();
    // the events are hashed while the engine starts and the store opens
    ScannedEvents scanned = ScannedEvents.scan(events);
    try (Engine engine = Engines.create(engineOptions);
        FeatureStore featureStore = settings.openStore()) {
      FeatureComputation.Result result =
          new FeatureComputation(
                  definitions,
                  settings.migrationsDir(),
                  maxQuarantinedShare,
                  Progress.toStderr(),
                  engine)
              .compute(featureStore, scanned, asOf, lookbackDays);
      System.err.printf(
          java.util.Locale.ROOT, "compute: %s has %,d rows%n", result.version(), result.rows());
      if (result.rows() == 0) {
        System.err.printf(
            java.util.Locale.ROOT,
            "compute: warning: no event of %s falls in the %d days before %s, so the gate will"
                + " refuse %s: check the events' dates against --as-of%n",
            events,
            lookbackDays,
            asOf,
            result.version());
      }
      return result;
    } catch (RuntimeException e) {
      throw DiskFullException.explain(e, settings.home());
    }
  }
}
