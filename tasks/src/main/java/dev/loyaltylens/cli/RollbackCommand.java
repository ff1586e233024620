package dev.loyaltylens.cli;

import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.online.OnlineStore;
import dev.loyaltylens.publishing.Rollback;
import dev.loyaltylens.store.FeatureStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rollback}: makes a kept published version the latest again, everywhere readers look. */
@Command(
    name = "rollback",
    description = {
      "Make a published version the latest again: in the registry, the manifest (the API serves it within seconds)"
          + " and, with --online, the online store (it is loaded again if it was dropped).",
      "Versions that would be in force after it (a later as-of) are withdrawn from lookups by instant; they stay"
          + " published, readable by id, and a rollback to one brings it back."
    })
final class RollbackCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Option(
      names = "--to",
      required = true,
      description = "The published version to make the latest again.")
  String version;

  @Override
  public Integer call() {
    Settings settings = store.settings();
    try (OnlineStore online = settings.openOnline();
        FeatureStore featureStore = settings.openExistingStore(online)) {
      Rollback.Outcome outcome =
          Rollback.rollBack(featureStore, version, online, Progress.toStderr("rollback"));
      System.err.println(
          "rollback: "
              + version
              + " is the latest version"
              + (outcome.previous() == null || outcome.previous().equals(version)
                  ? ""
                  : " (it was " + outcome.previous() + ")")
              + (outcome.withdrawn().isEmpty()
                  ? ""
                  : "; withdrawn from lookups by instant: "
                      + String.join(", ", outcome.withdrawn())));
    }
    System.out.println(version);
    return ExitCodes.OK;
  }
}
