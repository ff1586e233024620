package dev.loyaltylens.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loyaltylens.compute.FeatureComputation;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.generation.EventGenerator;
import dev.loyaltylens.generation.GeneratorSettings;
import dev.loyaltylens.publishing.Publisher;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.VersionRecord;
import dev.loyaltylens.store.VersionStatus;
import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.FileTrees;
import dev.loyaltylens.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drift checks on the generator's default scale (50,000 events, 5,000 customers): another seed
 * of the same generator passes; a shifted spend, a raised null rate and a flipped channel mix each
 * fail, naming the feature, the figure, the threshold and both versions, and the previous version
 * stays the one served.
 */
class DriftGateTest {

  private static final Instant T = Instant.parse("2026-11-24T00:00:00Z");
  private static final Instant NEXT = T.plusSeconds(86_400);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  private static Path seedOne;
  private static Path seedTwo;

  @TempDir Path dir;
  private final DefinitionSet definitions = DefinitionSet.load(Project.sql());

  @BeforeAll
  static void generate() {
    seedOne = shared.resolve("seed-1");
    seedTwo = shared.resolve("seed-2");
    EventGenerator.generate(new GeneratorSettings(50_000, 5_000, 180, 1, T), seedOne, line -> {});
    EventGenerator.generate(
        new GeneratorSettings(50_000, 5_000, 180, 2, NEXT), seedTwo, line -> {});
  }

  private String compute(FeatureStore store, Path events, Instant asOf) {
    return new FeatureComputation(definitions, Project.migrations(), 0.05, line -> {})
        .compute(store, events, asOf, 180)
        .version();
  }

  private String publishFirst(FeatureStore store, DefinitionSet gateDefinitions) {
    String first = compute(store, seedOne, T);
    ValidationGate.Outcome outcome =
        new ValidationGate(gateDefinitions, GateSettings.defaults()).validate(store, first);
    assertThat(outcome.results())
        .filteredOn(r -> r.check().equals("drift"))
        .extracting(CheckResult::figure)
        .containsExactly("nothing to drift from");
    Publisher.publish(store, first);
    return first;
  }

  /**
   * A copy of seed two's events with {@code select} (a query over {@code events}) written in their
   * place.
   */
  private Path rewritten(String name, String select) throws Exception {
    Path out = Files.createDirectories(dir.resolve(name));
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "create view events as select * from read_parquet('" + seedTwo + "/*.parquet')");
      statement.execute(
          "copy (" + select + ") to '" + out.resolve("events.parquet") + "' (format parquet)");
    }
    return out;
  }

  private void assertFailsWithPreviousServing(
      FeatureStore store,
      String candidate,
      DefinitionSet gateDefinitions,
      String published,
      String... message) {
    assertThatThrownBy(
            () ->
                new ValidationGate(gateDefinitions, GateSettings.defaults())
                    .validate(store, candidate))
        .isInstanceOf(ValidationFailedException.class)
        .hasMessageContainingAll(message);
    assertThat(store.registry().require(candidate).status()).isEqualTo(VersionStatus.FAILED);
    assertThat(store.registry().latestPublished()).map(VersionRecord::version).contains(published);
    assertThatThrownBy(() -> Publisher.publish(store, candidate));
    assertThat(PublishedManifest.read(store.home()).orElseThrow().latest()).isEqualTo(published);
  }

  private static JsonNode drift(FeatureStore store, String version) throws Exception {
    return JSON.readTree(store.registry().require(version).validationReport()).path("drift");
  }

  @Test
  void another_seed_of_the_same_generator_does_not_fail_the_drift_checks() throws Exception {
    try (FeatureStore store = Project.openStore(dir.resolve("home"))) {
      String first = publishFirst(store, definitions);
      String second = compute(store, seedTwo, NEXT);

      ValidationGate.Outcome outcome =
          new ValidationGate(definitions, GateSettings.defaults()).validate(store, second);

      assertThat(outcome.passed()).isTrue();
      assertThat(outcome.results())
          .filteredOn(r -> r.check().equals("drift_psi"))
          .hasSize(6)
          .allSatisfy(
              r -> assertThat(r.level()).as(r.feature() + " " + r.figure()).isEqualTo("ok"));
      JsonNode drift = drift(store, second);
      assertThat(drift.path("previous").asText()).isEqualTo(first);
      JsonNode spend = drift.path("features").path("monetary_90d");
      assertThat(spend.path("psi").asDouble()).isLessThan(0.1);
      assertThat(spend.path("counts")).hasSize(spend.path("previous_counts").size());
      long counted = 0;
      for (JsonNode count : spend.path("counts")) {
        counted += count.asLong();
      }
      assertThat(counted).isEqualTo(store.registry().require(second).rowCount());
    }
  }

  @Test
  void numeric_values_are_counted_in_the_previous_versions_quantile_bins_each_edge_closing_its_bin()
      throws Exception {
    try (FeatureStore store = Project.openStore(dir.resolve("home"))) {
      String first = publishFirst(store, definitions);
      String second = compute(store, seedTwo, NEXT);
      new ValidationGate(definitions, GateSettings.defaults()).validate(store, second);

      JsonNode features = drift(store, second).path("features");
      List<String> numeric =
          List.of(
              "recency_days",
              "frequency_30d",
              "monetary_90d",
              "offer_redemption_rate",
              "engagement_score");
      for (String name : numeric) {
        JsonNode feature = features.path(name);
        double[] edges = new double[feature.path("edges").size()];
        for (int i = 0; i < edges.length; i++) {
          edges[i] = feature.path("edges").get(i).asDouble();
        }
        assertThat(edges).as(name + "'s edges").isNotEmpty().isSorted();
        assertThat(longs(feature.path("counts")))
            .as(name + " of " + second)
            .containsExactly(binned(store, second, name, edges));
        assertThat(longs(feature.path("previous_counts")))
            .as(name + " of " + first)
            .containsExactly(binned(store, first, name, edges));
      }
    }
  }

  /**
   * The non-null values of a feature counted by hand: up to and including the first edge, ...,
   * above the last.
   */
  private static long[] binned(FeatureStore store, String version, String name, double[] edges) {
    long[] counts = new long[edges.length + 1];
    List<Double> values =
        store
            .handle()
            .createQuery(
                "select "
                    + name
                    + "::double from features where version = :v and "
                    + name
                    + " is not null")
            .bind("v", version)
            .mapTo(Double.class)
            .list();
    for (double value : values) {
      int bin = 0;
      while (bin < edges.length && value > edges[bin]) {
        bin++;
      }
      counts[bin]++;
    }
    return counts;
  }

  private static long[] longs(JsonNode list) {
    long[] values = new long[list.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = list.get(i).asLong();
    }
    return values;
  }

  @Test
  void spend_doubled_for_a_fifth_of_customers_fails_on_monetary_90d() throws Exception {
    Path doubled =
        rewritten(
            "doubled",
            "select * replace (case when hash(customer_id) % 5 = 0 then amount * 2"
                + " else amount end as amount) from events");
    try (FeatureStore store = Project.openStore(dir.resolve("home"))) {
      String first = publishFirst(store, definitions);
      String candidate = compute(store, doubled, NEXT);

      assertFailsWithPreviousServing(
          store,
          candidate,
          definitions,
          first,
          "feature `monetary_90d` of " + candidate + " shifted from " + first + ": mean ",
          "threshold 0.1",
          "sql/features/monetary_90d.sql.ftl");
      JsonNode spend = drift(store, candidate).path("features").path("monetary_90d");
      assertThat(spend.path("mean_shift_level").asText()).isEqualTo("fail");
      // a fifth of the mass moving right hardly moves the index over quantile bins: the mean's
      // shift is what shows it
      assertThat(spend.path("psi").asDouble()).isLessThan(0.1);
      assertThat(spend.path("mean").asDouble() / spend.path("previous_mean").asDouble())
          .isBetween(1.15, 1.25);
    }
  }

  @Test
  void a_null_rate_raised_from_a_fifth_of_a_percent_to_four_percent_fails() throws Exception {
    // Every shipped feature declares not_null; this copy lets offer_redemption_rate have nulls, so
    // that the drift
    // check is the one to catch them (4% is under the gate's fixed 5%).
    Path sql = FileTrees.copy(Project.sql(), dir.resolve("sql"));
    Path template = sql.resolve("features/offer_redemption_rate.sql.ftl");
    Files.writeString(template, Files.readString(template).replaceFirst("\n  - not_null", ""));
    DefinitionSet nullable = DefinitionSet.load(sql);
    try (FeatureStore store = Project.openStore(dir.resolve("home"))) {
      String first = compute(store, seedOne, T);
      setNulls(store, first, 10);
      new ValidationGate(nullable, GateSettings.defaults()).validate(store, first);
      Publisher.publish(store, first);
      String candidate = compute(store, seedTwo, NEXT);
      setNulls(store, candidate, 200);

      assertFailsWithPreviousServing(
          store,
          candidate,
          nullable,
          first,
          "feature `offer_redemption_rate` of "
              + candidate
              + " has 4% nulls against 0.2% in "
              + first
              + " (+3.8 points of nulls), threshold +2 points");
    }
  }

  @Test
  void a_flipped_channel_mix_fails_on_channel_preference() throws Exception {
    Path flipped =
        rewritten(
            "flipped",
            "select * replace (case channel when 'mobile' then 'web' when 'web' then"
                + " 'mobile' else channel end as channel) from events");
    try (FeatureStore store = Project.openStore(dir.resolve("home"))) {
      String first = publishFirst(store, definitions);
      String candidate = compute(store, flipped, NEXT);

      assertFailsWithPreviousServing(
          store,
          candidate,
          definitions,
          first,
          "feature `channel_preference` of " + candidate + " drifted from " + first + ": PSI ",
          "over 3 categories, threshold 0.25");
    }
  }

  @Test
  void thresholds_from_a_header_and_from_the_run_are_used() throws Exception {
    Path doubled =
        rewritten(
            "doubled",
            "select * replace (case when hash(customer_id) % 5 = 0 then amount * 2"
                + " else amount end as amount) from events");
    Path sql = FileTrees.copy(Project.sql(), dir.resolve("sql"));
    Path template = sql.resolve("features/monetary_90d.sql.ftl");
    Files.writeString(
        template,
        Files.readString(template)
            .replace("\n-->", "\ndrift:\n  mean_shift_warn: 0.9\n" + "  mean_shift_fail: 2\n-->"));
    DefinitionSet tolerant = DefinitionSet.load(sql);
    try (FeatureStore store = Project.openStore(dir.resolve("home"))) {
      String first = publishFirst(store, tolerant);
      String candidate = compute(store, doubled, NEXT);

      ValidationGate.Outcome outcome =
          new ValidationGate(tolerant, GateSettings.defaults())
              .evaluate(store, store.registry().require(candidate));
      assertThat(outcome.failures())
          .extracting(CheckResult::feature)
          .doesNotContain("monetary_90d");
      assertThat(outcome.results())
          .filteredOn(r -> r.feature().equals("monetary_90d") && r.check().equals("mean_shift"))
          .singleElement()
          .satisfies(r -> assertThat(r.threshold()).isEqualTo("<= 2"));

      GateSettings strict =
          new GateSettings(
              0.05,
              0.5,
              DriftThresholds.defaults(),
              java.util.Map.of("monetary_90d", java.util.Map.of("mean_shift_fail", 0.15)));
      assertThat(
              new ValidationGate(tolerant, strict)
                  .evaluate(store, store.registry().require(candidate))
                  .failures())
          .extracting(CheckResult::feature)
          .contains("monetary_90d");
    }
    Cli.Outcome run =
        Cli.run(
            "validate",
            "--home",
            dir.resolve("home").toString(),
            "--version",
            "x",
            "--drift",
            "monetary_90d.psi_fial=1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--drift monetary_90d.psi_fial=1 is not FEATURE.THRESHOLD=N");
  }

  @Test
  void the_noise_floor_of_small_versions_rises_above_the_set_threshold() {
    // 9 degrees of freedom: the exact 0.999 quantile is 27.88
    assertThat(DriftCheck.chiSquare999(9)).isBetween(27.5, 28.5);
    assertThat(DriftCheck.chiSquare999(9) * (1.0 / 200 + 1.0 / 200)).isGreaterThan(0.25);
    assertThat(DriftCheck.chiSquare999(9) * (1.0 / 5_000 + 1.0 / 5_000)).isLessThan(0.02);
    assertThat(DriftCheck.psi(new long[] {50, 50}, new long[] {50, 50})).isZero();
    // a tenth of the values moved from one half to the other: 0.1 ln(0.6 / 0.5) + 0.1 ln(0.5 /
    // 0.4), about 0.0405
    assertThat(DriftCheck.psi(new long[] {50_000, 50_000}, new long[] {60_000, 40_000}))
        .isBetween(0.0405, 0.0406);
  }

  private static void setNulls(FeatureStore store, String version, int customers) {
    store
        .handle()
        .createUpdate(
            "update features set offer_redemption_rate = null where version = :v and customer_id in"
                + " (select customer_id from features where version = :v order by customer_id limit "
                + customers
                + ")")
        .bind("v", version)
        .execute();
  }
}
