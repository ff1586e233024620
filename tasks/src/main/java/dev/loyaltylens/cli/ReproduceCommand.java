package dev.loyaltylens.cli;

import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.training.Reproduction;
import dev.loyaltylens.training.ReproductionReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code reproduce}: recomputes a published version from its recorded inputs and compares every
 * value.
 */
@Command(
    name = "reproduce",
    description = {
      "Recompute a published version from its recorded inputs and compare every value; exits 1 on a difference.",
      "Uses the events folder, as-of and lookback in the version's registry row, and names changed input files,"
          + " changed templates, and the first customers that differ per feature."
    })
final class ReproduceCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Option(names = "--version", required = true, description = "The published version id.")
  String version;

  @Option(
      names = "--events",
      description =
          "Folder the version's events are in now, when they moved (default: the folder it recorded).")
  Path events;

  @Override
  public Integer call() {
    Settings settings = store.settings();
    VersionRecord record;
    try (FeatureStore featureStore = settings.openExistingStore()) {
      record = featureStore.registry().require(version);
    }
    ReproductionReport report =
        new Reproduction(
                settings.home(),
                settings.definitions(),
                settings.migrationsDir(),
                settings.engine(),
                Progress.toStderr())
            .reproduce(
                record, events == null ? Path.of(record.inputLocation()) : events.toAbsolutePath());
    report.lines().forEach(System.out::println);
    return report.matches() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
