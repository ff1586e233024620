package dev.loyaltylens.cli;

import dev.loyaltylens.command.ExitCodes;
import dev.loyaltylens.publishing.Exporter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code export}: a published version's vectors as Parquet, for offline batch scoring. */
@Command(
    name = "export",
    description =
        "Write a published version's feature vectors (latest by default) to a Parquet file.")
final class ExportCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Option(names = "--version", description = "A published version id (default: the latest).")
  String version;

  @Option(names = "--out", required = true, description = "The Parquet file to write.")
  Path out;

  @Override
  public Integer call() {
    Settings settings = store.settings();
    settings.repairUnreadableManifest();
    Exporter.Exported exported = Exporter.export(settings.home(), version, out);
    System.err.printf(
        java.util.Locale.ROOT,
        "export: %,d vectors of %s written to %s%n",
        exported.rows(),
        exported.version(),
        out);
    System.out.println(out);
    return ExitCodes.OK;
  }
}
