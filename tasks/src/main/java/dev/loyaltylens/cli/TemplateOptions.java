package dev.loyaltylens.cli;

import dev.loyaltylens.definitions.DefinitionSet;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the templates and the migrations are, for the analyst commands that need no store. */
final class TemplateOptions {

  @Option(
      names = "--sql",
      defaultValue = "${env:LOYALTYLENS_SQL:-sql}",
      description = "Folder of the SQL templates (default: $LOYALTYLENS_SQL or ./sql).")
  Path sql;

  @Option(
      names = "--migrations",
      defaultValue = "${env:LOYALTYLENS_MIGRATIONS:-migrations}",
      description =
          "Folder of the Flyway migrations (default: $LOYALTYLENS_MIGRATIONS or ./migrations).")
  Path migrations;

  Path sqlDir() {
    return sql.toAbsolutePath().normalize();
  }

  Path migrationsDir() {
    return migrations.toAbsolutePath().normalize();
  }

  DefinitionSet definitions() {
    return DefinitionSet.load(sqlDir());
  }
}
