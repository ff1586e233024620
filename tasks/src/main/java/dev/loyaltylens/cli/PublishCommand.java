package dev.loyaltylens.cli;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.analyst.VersionReport;
import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.online.OnlineStore;
import dev.loyaltylens.publishing.Publisher;
import dev.loyaltylens.store.DiskFullException;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.VersionRecord;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code publish}: makes a validated version the latest, atomically, in the online store too when
 * one is set, and writes its report where the API serves it.
 */
@Command(
    name = "publish",
    description = {
      "Publish a validated version: it becomes the latest and is immutable from then on.",
      "With --online, its vectors are loaded into the online store first and the store serves it once the registry"
          + " calls it published; older versions' keys go, but the previous and pinned ones."
    })
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
    try (OnlineStore online = settings.openOnline();
        FeatureStore featureStore = settings.openExistingStore(online)) {
      VersionRecord record =
          Publisher.publish(featureStore, version, online, Progress.toStderr("publish"));
      VersionRecord latest = featureStore.registry().latestPublished().orElseThrow();
      if (latest.version().equals(record.version())) {
        System.err.printf(
            java.util.Locale.ROOT,
            "publish: %s is published (%,d rows) and is the latest version%n",
            record.version(),
            record.rowCount());
      } else {
        // publishing a version again only makes sure its files are in place: it does not make it
        // latest again
        System.err.printf(
            java.util.Locale.ROOT,
            "publish: %s is published (%,d rows, since %s); the latest version is %s, published"
                + " at %s%n",
            record.version(),
            record.rowCount(),
            record.publishedAt(),
            latest.version(),
            latest.publishedAt());
      }
      // The API serves the published version's report from the home; the version is published
      // whatever happens here.
      try {
        Path report = VersionReport.write(featureStore, version, settings.home().reports());
        System.err.println("publish: its report is " + report);
      } catch (RuntimeException e) {
        System.err.println(
            "publish: warning: no report written ("
                + LoyaltyLensException.firstLine(e)
                + "): run"
                + " `report --version "
                + version
                + "`");
      }
      return record;
    } catch (RuntimeException e) {
      throw DiskFullException.explain(e, settings.home());
    }
  }
}
