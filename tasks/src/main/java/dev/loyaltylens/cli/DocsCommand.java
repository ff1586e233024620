package dev.loyaltylens.cli;

import dev.loyaltylens.analyst.Catalog;
import dev.loyaltylens.command.ExitCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code docs}: the feature catalog as static HTML. */
@Command(
    name = "docs",
    description =
        "Write a browsable HTML catalog of the features (index + one page each): definitions, checks,"
            + " lineage, SQL, and the latest published statistics when --home is given.")
final class DocsCommand implements Callable<Integer> {

  @Mixin TemplateOptions templates;

  @Option(
      names = "--out",
      required = true,
      description = "Folder to write the catalog to (index.html and pages).")
  Path out;

  @Option(
      names = "--home",
      defaultValue = "${env:LOYALTYLENS_HOME}",
      description =
          "A store whose latest statistics to show, read from its published/manifest.json"
              + " (default: $LOYALTYLENS_HOME, else none).")
  Path home;

  /** DuckDB's memory limit for the moment the store is opened to rewrite an unreadable manifest. */
  private static final String REPAIR_MEMORY = "1GB";

  @Override
  public Integer call() {
    if (home != null) {
      Settings.of(home, templates.sqlDir(), templates.migrationsDir(), REPAIR_MEMORY, null)
          .repairUnreadableManifest();
    }
    Catalog.Written written =
        Catalog.write(templates.sqlDir(), templates.migrationsDir(), out, home);
    System.err.println(
        "docs: "
            + written.pages()
            + " pages"
            + written
                .version()
                .map(v -> ", statistics of " + v)
                .orElse(", no statistics (no published version given)"));
    System.out.println(written.index().toAbsolutePath().normalize());
    return ExitCodes.OK;
  }
}
