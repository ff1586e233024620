package dev.loyaltylens.cli;

import dev.loyaltylens.UsageException;
import dev.loyaltylens.engine.EngineOptions;
import dev.loyaltylens.engine.duckdb.DuckDbEngine;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --engine} and {@code --spark-master}: which engine runs the templates, and where it runs
 * them.
 */
final class EngineOption {

  @Option(
      names = "--engine",
      defaultValue = "${env:LOYALTYLENS_ENGINE:-" + DuckDbEngine.NAME + "}",
      description =
          "Engine that runs the templates: duckdb (embedded) or spark (default: $LOYALTYLENS_ENGINE or"
              + " ${DEFAULT-VALUE}).")
  String name;

  @Option(
      names = "--spark-master",
      defaultValue = "${env:LOYALTYLENS_SPARK_MASTER}",
      description =
          "Where Spark runs with --engine spark: local[N] or spark://HOST:PORT (default:"
              + " $LOYALTYLENS_SPARK_MASTER, else local[*]).")
  String sparkMaster;

  EngineOptions options() {
    String engine = name == null || name.isBlank() ? DuckDbEngine.NAME : name.strip();
    Optional<String> master =
        Optional.ofNullable(sparkMaster).map(String::strip).filter(text -> !text.isEmpty());
    if (engine.equals(DuckDbEngine.NAME) && master.isPresent()) {
      throw new UsageException(
          "--spark-master "
              + master.get()
              + " needs --engine spark: DuckDB runs in this process (unset"
              + " LOYALTYLENS_SPARK_MASTER, or add --engine spark)");
    }
    return new EngineOptions(engine, master);
  }
}
