package dev.loyaltylens.cli;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.analyst.VersionReport;
import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.publishing.Publisher;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.VersionRecord;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code publish}: makes a validated version the latest, atomically, and writes its report where the API serves it. */
@Command(name = "publish", description = "Publish a validated version: it becomes the latest and is immutable from then on.")
final class PublishCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Option(names = "--version", required = true, description = "The validated version id.")
  String version;

  @Override
  public Integer call() {
    run(store.settings(), version);
    System.out.println(version);
    return ExitCodes.OK;
  }

  static VersionRecord run(Settings settings, String version) {
    try (FeatureStore featureStore = settings.openStore()) {
      VersionRecord record = Publisher.publish(featureStore, version, System.err::println);
      System.err.printf(
          java.util.Locale.ROOT, "publish: %s is published (%,d rows) and is the latest version%n",
          record.version(), record.rowCount());
      // The API serves the published version's report from the home; the version is published whatever happens here.
      try {
        Path report = VersionReport.write(featureStore, version, settings.home().reports());
        System.err.println("publish: its report is " + report);
      } catch (RuntimeException e) {
        System.err.println("publish: warning: no report written (" + LoyaltyLensException.firstLine(e) + "): run"
            + " `report --version " + version + "`");
      }
      return record;
    }
  }
}
