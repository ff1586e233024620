package dev.loyaltylens.cli;

import dev.loyaltylens.analyst.VersionReport;
import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.store.FeatureStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code report}: a version's HTML report, with charts, from what the gate and staging kept in the
 * registry.
 */
@Command(
    name = "report",
    description = {
      "Write a version's report as one HTML page: per feature its histogram over the previous published version's,"
          + " its drift figures, the trend of null rate, mean and quantiles over the last published versions; the"
          + " quarantine counts by reason; the latest consistency run.",
      "The page works offline (Chart.js is inlined). The API serves the latest published version's report from"
          + " HOME/reports/ at /report."
    })
final class ReportCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Option(
      names = "--version",
      required = true,
      description = "The version to report on, published or not.")
  String version;

  @Option(
      names = "--out",
      description =
          "Folder to write VERSION.html to (default: HOME/reports, which the API serves).")
  Path out;

  @Override
  public Integer call() {
    Settings settings = store.settings();
    Path page;
    try (FeatureStore featureStore = settings.openStore()) {
      page =
          VersionReport.write(featureStore, version, out == null ? settings.home().reports() : out);
    }
    System.err.println("report: " + version + " written to " + page);
    System.out.println(page);
    return ExitCodes.OK;
  }
}
