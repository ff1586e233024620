package dev.loyaltylens.cli;

import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.training.TrainingSet;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code training-set}: labels joined point-in-time with the features of published versions. */
@Command(
    name = "training-set",
    description = {
      "Join labels point-in-time with published features: each row gets the version with the latest as-of at or"
          + " before its label_ts.",
      "No feature computed from events at or after a label leaks in. Reads published/ only, never the store."
    })
final class TrainingSetCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Option(
      names = "--labels",
      required = true,
      description =
          "Parquet or CSV file (by extension) with customer_id, label_ts and any other columns.")
  Path labels;

  @Option(
      names = "--out",
      required = true,
      description =
          "The file to write, Parquet or CSV by extension: the label columns in their order, then"
              + " feature_version and the features.")
  Path out;

  @Option(
      names = "--version",
      description =
          "Use this published version for every row instead of choosing one per label_ts.")
  String version;

  @Override
  public Integer call() {
    Settings settings = store.settings();
    settings.repairUnreadableManifest();
    TrainingSet.Summary summary =
        new TrainingSet(settings.home(), settings.engine())
            .build(labels, out, Optional.ofNullable(version));
    System.err.printf(
        Locale.ROOT,
        "training-set: %,d labels written to %s with %d features from %,d published version%s (%.1fs)%n",
        summary.rows(),
        out,
        summary.featureColumns().size(),
        summary.versionsUsed(),
        summary.versionsUsed() == 1 ? "" : "s",
        summary.took().toMillis() / 1000.0);
    System.err.println("training-set: " + rows(summary.matched(), "has", "have") + " features");
    if (version == null) {
      System.err.println(
          "training-set: "
              + rows(summary.withoutVersion(), "has", "have")
              + " no published version at or before"
              + " label_ts (the earliest as-of is "
              + summary.firstAsOf()
              + "): null features");
    } else if (summary.beforePinnedAsOf() > 0) {
      System.err.println(
          "training-set: warning: "
              + rows(summary.beforePinnedAsOf(), "has", "have")
              + " a label_ts before "
              + version
              + "'s as-of "
              + summary.firstAsOf()
              + ": features computed from events after the label");
    }
    System.err.println(
        "training-set: "
            + rows(summary.customerAbsent(), "names", "name")
            + " a customer absent from the chosen"
            + " version: null features");
    System.out.println(out);
    return ExitCodes.OK;
  }

  private static String rows(long count, String verbForOne, String verbForMany) {
    return String.format(
        Locale.ROOT,
        "%,d %s %s",
        count,
        count == 1 ? "row" : "rows",
        count == 1 ? verbForOne : verbForMany);
  }
}
