package dev.loyaltylens.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.publishing.Publisher;
import dev.loyaltylens.store.EngineSettings;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.Project;
import dev.loyaltylens.validation.GateSettings;
import dev.loyaltylens.validation.ValidationGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The training-set benchmark: 1,000,000 labels against 30 weekly published versions of about
 * 100,000 customers each, timed three times through the command line; prints each run and the
 * median. Not part of the default suite (its name does not end in Test); see
 * docs/TRAINING_BENCHMARK.md for the command.
 *
 * <p>The versions are written straight into the store with SQL, then validated and published for
 * real, which takes seconds where 30 pipelines would take minutes. Set {@code
 * -Dloyaltylens.benchmark.home=DIR} to build the home there and keep it (a later run reuses it), to
 * time the launcher on it afterwards.
 */
@Tag("benchmark")
class TrainingSetBenchmark {

  static final int VERSIONS = 30;
  static final int CUSTOMER_POOL = 120_000;
  static final long LABELS = 1_000_000;
  static final Instant FIRST_AS_OF = Instant.parse("2026-05-04T00:00:00Z");
  static final Duration LIMIT = Duration.ofSeconds(30);

  private static final DateTimeFormatter VERSION_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Test
  void one_million_labels_against_thirty_versions_take_at_most_thirty_seconds() throws Exception {
    Path dir =
        Path.of(
            System.getProperty(
                "loyaltylens.benchmark.home",
                Files.createTempDirectory("training-bench").toString()));
    Path home = dir.resolve("home");
    Path labels = dir.resolve("labels.parquet");
    long building = System.nanoTime();
    if (!Files.exists(home.resolve("published/manifest.json"))) {
      publishVersions(home);
    }
    if (!Files.exists(labels)) {
      writeLabels(labels);
    }
    System.out.printf(
        Locale.ROOT,
        "benchmark: %d versions and %,d labels ready in %.1fs under %s%n",
        VERSIONS,
        LABELS,
        (System.nanoTime() - building) / 1e9,
        dir);

    List<Double> seconds = new ArrayList<>();
    for (int run = 1; run <= 3; run++) {
      Path out = dir.resolve("training-set-" + run + ".parquet");
      long started = System.nanoTime();
      Cli.Outcome outcome =
          Cli.runRaw(
              "training-set",
              "--home",
              home.toString(),
              "--labels",
              labels.toString(),
              "--out",
              out.toString(),
              "--memory-limit=4GB");
      seconds.add((System.nanoTime() - started) / 1e9);
      assertThat(outcome.exitCode()).as(outcome.err()).isZero();
      System.out.printf(
          Locale.ROOT, "benchmark: run %d: %.2fs%n%s", run, seconds.get(run - 1), outcome.err());
    }
    double median = seconds.stream().sorted().toList().get(1);
    System.out.printf(
        Locale.ROOT,
        "benchmark: training-set median of 3 runs: %.2fs (limit %ds)%n",
        median,
        LIMIT.toSeconds());
    assertThat(median).isLessThanOrEqualTo(LIMIT.toSeconds());
  }

  /**
   * 30 weekly versions; each holds the customers of the pool whose hash with the version is not 0
   * mod 6.
   */
  private static void publishVersions(Path home) {
    DefinitionSet definitions = DefinitionSet.load(Project.sql());
    try (FeatureStore store =
        FeatureStore.open(
            new StoreHome(home), Project.migrations(), new EngineSettings("4GB", 2))) {
      for (int i = 0; i < VERSIONS; i++) {
        Instant asOf = FIRST_AS_OF.plus(Duration.ofDays(7L * i));
        String version =
            "v" + VERSION_TIME.format(asOf) + "-bench" + String.format(Locale.ROOT, "%03d", i);
        long rows =
            store
                .handle()
                .createUpdate(
                    """
                    insert into features
                    select 'customer-' || lpad(c::varchar, 6, '0'), :version,
                        (hash(c, :i, 1) % 181)::integer, (hash(c, :i, 2) % 40)::integer,
                        (hash(c, :i, 3) % 50000) / 100.0, (hash(c, :i, 4) % 101) / 100.0,
                        ['in-store', 'mobile', 'web'][(hash(c, :i, 5) % 3)::integer + 1],
                        (hash(c, :i, 6) % 1001) / 1000.0, :as_of
                    from range(:pool) t(c)
                    where hash(c, :i) % 6 <> 0
                    """)
                .bind("version", version)
                .bind("i", i)
                .bind("pool", CUSTOMER_POOL)
                .bind("as_of", Timestamp.from(asOf))
                .execute();
        store
            .handle()
            .createUpdate(
                "insert into feature_registry (version, as_of, lookback_days, status, row_count, sql_hash,"
                    + " input_fingerprint, input_location, staging_report, created_at)"
                    + " values (:version, :as_of, 180, 'computed', :rows, 'benchmark', 'benchmark', 'benchmark', '{}',"
                    + " :as_of)")
            .bind("version", version)
            .bind("as_of", Timestamp.from(asOf))
            .bind("rows", rows)
            .execute();
        new ValidationGate(definitions, GateSettings.defaults()).validate(store, version);
        Publisher.publish(store, version);
      }
    }
  }

  /**
   * Labels for customers of the pool, label_ts spread from two weeks before the first as-of to two
   * after the last.
   */
  private static void writeLabels(Path file) throws Exception {
    Instant from = FIRST_AS_OF.minus(Duration.ofDays(14));
    long spanSeconds = Duration.ofDays(7L * (VERSIONS - 1) + 28).toSeconds();
    try (var connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        var statement = connection.createStatement()) {
      statement.execute(
          "copy (select 'customer-' || lpad((hash(n, 'c') % "
              + CUSTOMER_POOL
              + ")::varchar, 6, '0') as customer_id,"
              + " timestamp '"
              + from.toString().replace("T", " ").replace("Z", "")
              + "' + to_seconds((hash(n, 't') % "
              + spanSeconds
              + ")::bigint) as label_ts, (hash(n, 'y') % 2)::integer as churned"
              + " from range("
              + LABELS
              + ") t(n)) to '"
              + file
              + "' (format parquet)");
    }
  }
}
