package dev.loyaltylens.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say where the store, the templates and the migrations are. */
final class StoreOptions {

  @Option(
      names = "--home",
      defaultValue = "${env:LOYALTYLENS_HOME:-data}",
      description = "Folder of the store (default: $LOYALTYLENS_HOME or ./data).")
  Path home;

  @Option(
      names = "--sql",
      defaultValue = "${env:LOYALTYLENS_SQL:-sql}",
      description = "Folder of the SQL templates (default: $LOYALTYLENS_SQL or ./sql).")
  Path sql;

  @Option(
      names = "--migrations",
      defaultValue = "${env:LOYALTYLENS_MIGRATIONS:-migrations}",
      description = "Folder of the Flyway migrations (default: $LOYALTYLENS_MIGRATIONS or ./migrations).")
  Path migrations;

  @Option(
      names = "--memory-limit",
      defaultValue = "${env:LOYALTYLENS_DUCKDB_MEMORY:-4GB}",
      description = "DuckDB's memory limit, native and outside the JVM heap (default: ${DEFAULT-VALUE}).")
  String memoryLimit;

  Settings settings() {
    return Settings.of(home, sql, migrations, memoryLimit);
  }
}
