package dev.loyaltylens.cli;

import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.retention.Pins;
import dev.loyaltylens.store.FeatureStore;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pin}: keeps a published version through retention, or lifts the pin with {@code --remove}.
 */
@Command(
    name = "pin",
    description = "Pin a published version so that `gc` never removes it; --remove lifts the pin.")
final class PinCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Option(names = "--version", required = true, description = "The published version id.")
  String version;

  @Option(
      names = "--note",
      description = "Why it is kept, shown by `versions` and `gc`, e.g. the model trained on it.")
  String note;

  @Option(
      names = "--remove",
      description = "Lift the pin instead: `gc` may then remove the version.")
  boolean remove;

  @Override
  public Integer call() {
    try (FeatureStore featureStore = store.settings().openExistingStore()) {
      if (remove) {
        boolean wasPinned = Pins.unpin(featureStore, version);
        System.err.println(
            wasPinned
                ? "pin: " + version + " is no longer pinned"
                : "pin: " + version + " was not pinned");
      } else {
        Pins.pin(featureStore, version, note, Instant.now());
        System.err.println("pin: " + version + " is pinned" + (note == null ? "" : ": " + note));
      }
    }
    System.out.println(version);
    return ExitCodes.OK;
  }
}
