package dev.loyaltylens.cli;

import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.VersionRecord;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code versions}: the registry as a table. */
@Command(name = "versions", description = "List every version in the registry, marking the latest published one.")
final class VersionsCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Override
  public Integer call() {
    try (FeatureStore featureStore = store.settings().openExistingStore()) {
      print(featureStore.registry().all(), featureStore.registry().latestPublished().map(VersionRecord::version),
          System.out);
    }
    return ExitCodes.OK;
  }

  static void print(List<VersionRecord> versions, Optional<String> latest, PrintStream out) {
    String format = "%-28s %-20s %-10s %10s  %-20s %-20s %s%n";
    out.printf(format, "VERSION", "AS OF", "STATUS", "ROWS", "CREATED", "PUBLISHED", "");
    for (VersionRecord v : versions) {
      out.printf(
          java.util.Locale.ROOT, format, v.version(), v.asOf(), v.status().dbValue(), v.rowCount(),
          seconds(v.createdAt()), seconds(v.publishedAt()), notes(v, latest));
    }
    if (versions.isEmpty()) {
      out.println("(no versions yet: run `compute` or `pipeline`)");
    }
  }

  private static String notes(VersionRecord v, Optional<String> latest) {
    String latestMark = latest.filter(v.version()::equals).isPresent() ? "<- latest" : "";
    if (!v.isPinned()) {
      return latestMark;
    }
    String pin = "pinned" + (v.pinNote() == null ? "" : ": " + v.pinNote());
    return latestMark.isEmpty() ? pin : latestMark + ", " + pin;
  }

  private static String seconds(java.time.Instant instant) {
    return instant == null ? "-" : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
