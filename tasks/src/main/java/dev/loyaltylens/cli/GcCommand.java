package dev.loyaltylens.cli;

import dev.loyaltylens.UsageException;
import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.materialization.Materializer;
import dev.loyaltylens.online.OnlineStore;
import dev.loyaltylens.retention.Retention;
import dev.loyaltylens.retention.RetentionPlan;
import dev.loyaltylens.store.FeatureStore;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gc}: removes the vectors and snapshots of old published versions, keeping the latest and
 * pinned ones.
 */
@Command(
    name = "gc",
    description = {
      "Remove old published versions, keeping the --keep most recently made current (published or rolled back to)"
          + " and every pinned one.",
      "Deletes their vectors, quarantined rows and snapshot files, and marks them removed in the registry."
          + " Unpublished versions are left alone.",
      "With --online, the online store then holds the latest, the previous and the pinned versions only."
    })
final class GcCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Option(
      names = "--keep",
      required = true,
      description = "How many of the versions most recently made current to keep (at least 1).")
  int keep;

  @Option(names = "--dry-run", description = "Print what would be removed, and change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    if (keep < 1) {
      throw new UsageException(
          "--keep must be at least 1 (the latest version is always kept), got " + keep);
    }
    Settings settings = store.settings();
    try (OnlineStore online = dryRun ? null : settings.openOnline();
        FeatureStore featureStore = settings.openExistingStore(online)) {
      RetentionPlan plan = RetentionPlan.of(featureStore.registry().all(), keep);
      for (RetentionPlan.Decision decision : plan.decisions()) {
        System.out.printf(
            Locale.ROOT,
            "%-7s %-28s as of %-20s %s%n",
            decision.removed() ? "REMOVE" : "KEEP",
            decision.version().version(),
            decision.version().asOf(),
            decision.reason());
      }
      if (dryRun) {
        System.out.println(
            "gc: dry run: would remove "
                + count(plan.removed().size(), "version")
                + ", keep "
                + plan.kept().size());
        return ExitCodes.OK;
      }
      Materializer materializer =
          online == null ? null : new Materializer(featureStore, online, Progress.toStderr("gc"));
      Retention.Outcome outcome = Retention.apply(featureStore, plan, Instant.now(), materializer);
      System.out.println(
          "gc: removed "
              + count(plan.removed().size(), "version")
              + ": "
              + count(outcome.featureRows(), "feature row")
              + ", "
              + count(outcome.quarantineRows(), "quarantined row")
              + ", "
              + count(outcome.snapshotsDeleted().size(), "snapshot file")
              + "; kept "
              + plan.kept().size()
              + " published");
    }
    return ExitCodes.OK;
  }

  private static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }
}
