package dev.loyaltylens.engine.spark;

import static dev.loyaltylens.engine.spark.Events.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.cli.LoyaltyLensCli;
import dev.loyaltylens.generation.EventGenerator;
import dev.loyaltylens.generation.GeneratorSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compute --engine spark} on a real standalone cluster (one master, two one-core workers)
 * beside {@code compute} on DuckDB, through the command line: the same version id, the same
 * vectors, the same quarantine and report, a version computed on Spark that DuckDB publishes and
 * reproduces without a difference, and the golden fixtures passing on both engines.
 */
@Tag("spark-cluster")
@ExtendWith(SharedCluster.class)
class ComputeOnClusterTest {

  /**
   * Spark settings the test's small workers need, read by the engine as any {@code spark.*} system
   * property.
   */
  private static final Map<String, String> SMALL_EXECUTORS =
      Map.of("spark.executor.memory", "768m", "spark.sql.shuffle.partitions", "4");

  @TempDir static Path dir;
  static StandaloneCluster cluster;
  static Path sql;

  @BeforeAll
  static void start(StandaloneCluster shared) {
    cluster = shared;
    SMALL_EXECUTORS.forEach(System::setProperty);
    sql = SqlFolders.repository();
  }

  @AfterAll
  static void stop() {
    SMALL_EXECUTORS.keySet().forEach(System::clearProperty);
  }

  private static int cli(String... args) {
    return LoyaltyLensCli.run(args);
  }

  private static int compute(Path home, Path events, String... engine) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "compute",
                "--home",
                home.toString(),
                "--sql",
                sql.toString(),
                "--migrations",
                SqlFolders.migrations().toString(),
                "--events",
                events.toString(),
                "--as-of",
                T.toString(),
                "--max-quarantined-share",
                "1.0"));
    args.addAll(List.of(engine));
    return cli(args.toArray(String[]::new));
  }

  /**
   * What a store holds about its one version, in one order: id, SQL hash, report, vectors and
   * quarantine.
   */
  private record Stored(
      String version,
      String sqlHash,
      String report,
      List<Map<String, Object>> features,
      List<Map<String, Object>> quarantine) {}

  private static Stored stored(Path home) {
    try (Handle db = Jdbi.create("jdbc:duckdb:" + home.resolve("store.duckdb")).open()) {
      Map<String, Object> registry =
          db.createQuery("select version, sql_hash, staging_report from feature_registry")
              .mapToMap()
              .one();
      String version = (String) registry.get("version");
      List<Map<String, Object>> features =
          db.createQuery(
                  "select * exclude (computed_at) from features where version = :v order by customer_id")
              .bind("v", version)
              .mapToMap()
              .list();
      List<Map<String, Object>> quarantine =
          db.createQuery("select * from quarantine where version = :v order by all")
              .bind("v", version)
              .mapToMap()
              .list();
      return new Stored(
          version,
          (String) registry.get("sql_hash"),
          (String) registry.get("staging_report"),
          features,
          quarantine);
    }
  }

  @Test
  void every_kind_of_bad_row_is_quarantined_alike_with_the_same_reasons_and_counts()
      throws Exception {
    Path events = EveryKindOfEvent.write(dir.resolve("every-kind"));
    Path onDuckDb = dir.resolve("every-kind-duckdb");
    Path onSpark = dir.resolve("every-kind-spark");

    assertThat(compute(onDuckDb, events)).isZero();
    assertThat(compute(onSpark, events, "--engine", "spark", "--spark-master", cluster.url()))
        .isZero();

    Stored duckdb = stored(onDuckDb);
    Stored spark = stored(onSpark);
    assertThat(spark.version()).isEqualTo(duckdb.version());
    assertThat(spark.sqlHash()).isEqualTo(duckdb.sqlHash());
    assertThat(spark.report()).isEqualTo(duckdb.report()).contains("quarantined");
    assertThat(duckdb.quarantine()).hasSize(EveryKindOfEvent.QUARANTINED);
    assertThat(spark.quarantine()).isEqualTo(duckdb.quarantine());
    assertThat(spark.features()).isNotEmpty().isEqualTo(duckdb.features());
  }

  @Test
  void generated_events_give_the_same_version_and_vectors_and_duckdb_reproduces_it()
      throws Exception {
    Path events = dir.resolve("generated");
    EventGenerator.generate(new GeneratorSettings(5_000, 500, 180, 7, T), events, line -> {});
    Path onDuckDb = dir.resolve("generated-duckdb");
    Path onSpark = dir.resolve("generated-spark");

    long started = System.nanoTime();
    assertThat(compute(onDuckDb, events)).isZero();
    long duckDbMillis = (System.nanoTime() - started) / 1_000_000;
    started = System.nanoTime();
    assertThat(compute(onSpark, events, "--engine", "spark", "--spark-master", cluster.url()))
        .isZero();
    long sparkMillis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "compute of 5,000 generated events: DuckDB %d ms, Spark cluster (2 workers) %d ms%n",
        duckDbMillis, sparkMillis);

    Stored duckdb = stored(onDuckDb);
    Stored spark = stored(onSpark);
    assertThat(spark.version()).isEqualTo(duckdb.version());
    assertThat(duckdb.features()).hasSizeGreaterThan(450);
    assertThat(spark.features()).isEqualTo(duckdb.features());
    assertThat(spark.report()).isEqualTo(duckdb.report());

    String[] store = {
      "--home",
      onSpark.toString(),
      "--sql",
      sql.toString(),
      "--migrations",
      SqlFolders.migrations().toString()
    };
    assertThat(cli(concat(new String[] {"validate", "--version", spark.version()}, store)))
        .isZero();
    assertThat(cli(concat(new String[] {"publish", "--version", spark.version()}, store))).isZero();
    assertThat(cli(concat(new String[] {"reproduce", "--version", spark.version()}, store)))
        .isZero();
    try (var left = Files.list(onSpark.resolve("tmp"))) {
      assertThat(left.filter(path -> path.getFileName().toString().startsWith("engine-")).toList())
          .as("scratch folders left")
          .isEmpty();
    }
  }

  @Test
  void every_golden_fixture_passes_on_duckdb_and_on_the_cluster() throws Exception {
    List<Path> fixtures;
    try (var files = Files.list(sql.resolve("features"))) {
      fixtures =
          files
              .filter(file -> file.getFileName().toString().endsWith(".test.txt"))
              .sorted()
              .toList();
    }
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          cli(
              "test",
              "--sql",
              sql.toString(),
              "--engine",
              "spark",
              "--spark-master",
              cluster.url());
    } finally {
      System.setOut(stdout);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    System.out.print(out);

    assertThat(code).as(out).isZero();
    assertThat(fixtures).hasSize(6);
    for (Path fixture : fixtures) {
      String name = "sql/features/" + fixture.getFileName();
      assertThat(out).contains("PASS " + name + " (").contains("PASS " + name + " on spark (");
    }
  }

  private static String[] concat(String[] verb, String[] options) {
    String[] all = new String[verb.length + options.length];
    System.arraycopy(verb, 0, all, 0, verb.length);
    System.arraycopy(options, 0, all, verb.length, options.length);
    return all;
  }
}
