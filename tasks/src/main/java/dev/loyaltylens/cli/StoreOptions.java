package dev.loyaltylens.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that say where the store, the templates and the migrations are. */
final class StoreOptions {

  @Option(
      names = "--home",
      defaultValue = "${env:LOYALTYLENS_HOME:-data}",
      description = "Folder of the store (default: $LOYALTYLENS_HOME or ./data).")
  Path home;

  @Mixin TemplateOptions templates;

  @Option(
      names = "--memory-limit",
      defaultValue = "${env:LOYALTYLENS_DUCKDB_MEMORY:-4GB}",
      converter = NumberOptions.MemoryLimit.class,
      description =
          "DuckDB's memory limit, native and outside the JVM heap (default: ${DEFAULT-VALUE}).")
  String memoryLimit;

  @Option(
      names = "--online",
      defaultValue = "${env:LOYALTYLENS_ONLINE}",
      description =
          "Online store kept in step with the registry: redis://HOST:PORT for one Redis server,"
              + " HOST:PORT,HOST:PORT,... for a Redis Cluster (default: $LOYALTYLENS_ONLINE, else none).")
  String online;

  Settings settings() {
    return Settings.of(home, templates.sqlDir(), templates.migrationsDir(), memoryLimit, online);
  }
}
