package dev.loyaltylens.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.store.EngineSettings;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.StoreHome;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the drift checks add to the gate on two versions of {@code -Dloyaltylens.benchmark.rows}
 * (5,000,000) feature rows each: the drift part timed alone, three times, and beside it the whole
 * gate with it and without it. Not part of the default suite (its name does not end in Test); the
 * README gives the command.
 *
 * <p>The rows are written straight into the store's {@code features} table with SQL, shaped like
 * the pipeline's (a few nulls, three channels), which takes seconds where generating 50,000,000
 * events and computing them twice would take minutes; the first version is validated and marked
 * published in the registry (its snapshot is not needed by the gate), then the second is measured
 * against it. {@code -Dloyaltylens.benchmark.home=DIR} keeps the home.
 */
@Tag("benchmark")
class DriftBenchmark {

  private static final long ROWS = Long.getLong("loyaltylens.benchmark.rows", 5_000_000);
  private static final double LIMIT_SECONDS = 2.0;
  private static final Instant AS_OF = Instant.parse("2026-11-24T00:00:00Z");

  @Test
  void the_drift_checks_add_at_most_two_seconds_on_five_million_rows() throws Exception {
    Path dir =
        Path.of(
            System.getProperty(
                "loyaltylens.benchmark.home", Files.createTempDirectory("drift-bench").toString()));
    DefinitionSet definitions = DefinitionSet.load(Project.sql());
    try (FeatureStore store =
        FeatureStore.open(
            new StoreHome(dir.resolve("home")),
            Project.migrations(),
            new EngineSettings("4GB", 2))) {
      long building = System.nanoTime();
      String previous = version(store, "v20261124T000000Z-bench0", 0, AS_OF);
      String candidate = version(store, "v20261125T000000Z-bench1", 1, AS_OF.plusSeconds(86_400));
      if (!store.registry().require(previous).isPublished()) {
        // The rows have a few nulls where headers say not_null: keep the gate's report whatever
        // those checks say.
        ValidationGate.Outcome first =
            new ValidationGate(definitions, GateSettings.defaults())
                .evaluate(store, store.registry().require(previous));
        store.registry().recordValidation(previous, true, first.report().toString(), Instant.now());
        store.registry().markPublished(previous, Instant.now());
      }
      System.out.printf(
          Locale.ROOT,
          "benchmark: two versions of %,d rows ready in %.1fs under %s%n",
          ROWS,
          (System.nanoTime() - building) / 1e9,
          dir);

      VersionRecord record = store.registry().require(candidate);
      VersionRecord before = store.registry().require(previous);
      ValidationGate gate = new ValidationGate(definitions, GateSettings.defaults());
      ValidationGate noDrift =
          new ValidationGate(definitions, GateSettings.defaults().withoutDrift());
      List<Double> drift = new ArrayList<>();
      List<Double> whole = new ArrayList<>();
      List<Double> without = new ArrayList<>();
      for (int run = 1; run <= 3; run++) {
        long started = System.nanoTime();
        ValidationGate.Outcome outcome = gate.evaluate(store, record);
        whole.add((System.nanoTime() - started) / 1e9);
        assertThat(outcome.failures())
            .extracting(CheckResult::check)
            .doesNotContain("drift_psi", "mean_shift", "null_rate_change");
        started = System.nanoTime();
        noDrift.evaluate(store, record);
        without.add((System.nanoTime() - started) / 1e9);
        var stats = ColumnStatistics.of(store.handle(), candidate, store.featureColumns());
        started = System.nanoTime();
        DriftCheck.Result result =
            new DriftCheck(definitions, GateSettings.defaults())
                .measure(
                    store.handle(), record, Optional.of(before), store.featureColumns(), stats);
        drift.add((System.nanoTime() - started) / 1e9);
        assertThat(result.checks()).isNotEmpty();
        System.out.printf(
            Locale.ROOT,
            "benchmark: run %d: drift checks %.2fs; whole gate %.2fs, without drift" + " %.2fs%n",
            run,
            drift.get(run - 1),
            whole.get(run - 1),
            without.get(run - 1));
      }
      double median = median(drift);
      System.out.printf(
          Locale.ROOT,
          "benchmark: the drift checks add %.2fs to the gate on %,d rows, median of 3"
              + " (limit %.0fs); the whole gate %.2fs with them, %.2fs without (--no-drift)%n",
          median,
          ROWS,
          LIMIT_SECONDS,
          median(whole),
          median(without));
      assertThat(median).isLessThanOrEqualTo(LIMIT_SECONDS);
    }
  }

  private static double median(List<Double> seconds) {
    return seconds.stream().sorted().toList().get(seconds.size() / 2);
  }

  /**
   * A version of ROWS synthetic customers, written once; {@code salt} draws other values from the
   * same shapes.
   */
  private static String version(FeatureStore store, String version, int salt, Instant asOf) {
    if (store.registry().find(version).isPresent()) {
      return version;
    }
    long rows =
        store
            .handle()
            .createUpdate(
                """
            insert into features
            select 'customer-' || lpad(c::varchar, 8, '0'), :version,
                case when hash(c, :salt, 0) % 500 = 0 then null else (hash(c, :salt, 1) % 181)::integer end,
                (hash(c, :salt, 2) % 40)::integer,
                round(-8.5 * ln(1 - (hash(c, :salt, 3) % 1000000) / 1000000.0) * (1 + hash(c, :salt, 4) % 4), 2),
                (hash(c, :salt, 5) % 101) / 100.0,
                ['mobile', 'mobile', 'web', 'in-store'][(hash(c, :salt, 6) % 4)::integer + 1],
                (hash(c, :salt, 7) % 1001) / 1000.0, :as_of
            from range(:rows) t(c)
            """)
            .bind("version", version)
            .bind("salt", salt)
            .bind("rows", ROWS)
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
    return version;
  }
}
