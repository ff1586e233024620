package dev.loyaltylens.bench;

import dev.loyaltylens.compute.FeatureComputation;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.definitions.RunValues;
import dev.loyaltylens.engine.Engine;
import dev.loyaltylens.engine.EngineOptions;
import dev.loyaltylens.engine.Engines;
import dev.loyaltylens.generation.EventGenerator;
import dev.loyaltylens.generation.GeneratorSettings;
import dev.loyaltylens.store.EngineSettings;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.StoreHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench engines}: the same events computed on DuckDB and on Spark in one run, each into a
 * fresh home, timed, and checked to give the same version id and the same vectors.
 */
@Command(
    name = "engines",
    mixinStandardHelpOptions = true,
    description =
        "Compute the same events on DuckDB, then on Spark, each into a fresh home; print each engine's"
            + " wall time, their ratio and the load average, and check that both give the same version"
            + " id and identical vectors (exit 1 if not). The launcher puts Spark's jars on the class"
            + " path for this benchmark only.")
final class EnginesCommand implements Callable<Integer> {

  /** Where the events come from: a folder, or the generator. */
  static final class Input {

    @Option(
        names = "--events",
        description = "Folder of event Parquet files to compute (instead of generating them).")
    Path events;

    @Option(
        names = "--rows",
        description = "Events to generate when no --events is given (default: 200000).")
    Long rows;
  }

  @ArgGroup(exclusive = true)
  Input input = new Input();

  @Option(
      names = "--customers",
      defaultValue = "20000",
      description = "Customers of the generated events (default: ${DEFAULT-VALUE}).")
  long customers;

  @Option(
      names = "--as-of",
      defaultValue = "2026-11-24T00:00:00Z",
      description =
          "As-of instant of both computations, and the end of the generated events' days"
              + " (default: ${DEFAULT-VALUE}).")
  Instant asOf;

  @Option(
      names = "--spark-master",
      defaultValue = "local[2]",
      description = "Where Spark runs: local[N] or spark://HOST:PORT (default: ${DEFAULT-VALUE}).")
  String sparkMaster;

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

  @Option(
      names = "--memory-limit",
      defaultValue = "4GB",
      description = "DuckDB memory_limit of both stores (default: ${DEFAULT-VALUE}).")
  String memoryLimit;

  @Mixin SyntheticDataOptions synthetic;

  private static final long DEFAULT_ROWS = 200_000;
  // Both engines must agree on the quarantine too, so a dirty folder is compared rather than
  // refused.
  private static final double MAX_QUARANTINED_SHARE = 1.0;
  private static final int GENERATED_DAYS = 180;
  private static final String DUCKDB = "duckdb";
  private static final String SPARK = "spark";

  @Override
  public Integer call() throws IOException {
    Path folder = synthetic.folder("loyaltylens-bench-engines-");
    try {
      Path duckdbHome = freshHome(folder, DUCKDB);
      Path sparkHome = freshHome(folder, SPARK);
      Path events = input.events != null ? input.events : generate(folder.resolve("events"));
      DefinitionSet definitions = DefinitionSet.load(sql.toAbsolutePath().normalize());
      System.out.printf(
          Locale.ROOT, "engines: events %s, as of %s, Spark on %s%n", events, asOf, sparkMaster);

      Timed duckdb = compute(definitions, duckdbHome, events, EngineOptions.DUCKDB);
      print(DUCKDB, duckdb);
      Timed spark =
          compute(
              definitions, sparkHome, events, new EngineOptions(SPARK, Optional.of(sparkMaster)));
      print(SPARK + " " + sparkMaster, spark);
      System.out.printf(
          Locale.ROOT,
          "engines: spark / duckdb %.1fx; load average %s%n",
          spark.seconds() / duckdb.seconds(),
          LoadAverage.now());

      VectorComparison.Outcome outcome =
          VectorComparison.of(
              new StoreHome(duckdbHome).database(),
              duckdb.version(),
              new StoreHome(sparkHome).database(),
              spark.version());
      System.out.printf(
          Locale.ROOT,
          "engines: same version %s and identical vectors (%,d rows) on both engines%n",
          duckdb.version(),
          outcome.rows());
      return 0;
    } finally {
      synthetic.release(folder);
    }
  }

  /** One computation's version, its rows and its wall time. */
  private record Timed(String version, long rows, double seconds) {}

  private Timed compute(
      DefinitionSet definitions, Path home, Path events, EngineOptions engineOptions) {
    long started = System.nanoTime();
    try (Engine engine = Engines.create(engineOptions);
        FeatureStore store =
            FeatureStore.open(
                new StoreHome(home),
                migrations.toAbsolutePath().normalize(),
                new EngineSettings(memoryLimit, Runtime.getRuntime().availableProcessors()))) {
      FeatureComputation.Result result =
          new FeatureComputation(
                  definitions,
                  migrations.toAbsolutePath().normalize(),
                  MAX_QUARANTINED_SHARE,
                  System.err::println,
                  engine)
              .compute(store, events, asOf, RunValues.DEFAULT_LOOKBACK_DAYS);
      return new Timed(result.version(), result.rows(), (System.nanoTime() - started) / 1e9);
    }
  }

  private static void print(String engine, Timed run) {
    System.out.printf(
        Locale.ROOT,
        "engines: %-18s %8.1f s  %s (%,d rows)%n",
        engine,
        run.seconds(),
        run.version(),
        run.rows());
  }

  private Path generate(Path out) {
    long rows = input.rows != null ? input.rows : DEFAULT_ROWS;
    EventGenerator.generate(
        new GeneratorSettings(rows, customers, GENERATED_DAYS, synthetic.seed, asOf),
        out,
        line -> {});
    System.out.printf(
        Locale.ROOT, "engines: generated %,d events of %,d customers%n", rows, customers);
    return out;
  }

  private static Path freshHome(Path folder, String engine) throws IOException {
    Path home = folder.resolve("home-" + engine);
    if (Files.exists(home)) {
      throw new BenchException(
          home + " exists: bench engines computes into fresh homes, pass a new folder to --work");
    }
    return Files.createDirectories(home);
  }
}
