package dev.loyaltylens.compute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.generation.EventGenerator;
import dev.loyaltylens.generation.GeneratorSettings;
import dev.loyaltylens.store.DuckDbConnections;
import dev.loyaltylens.store.FeatureStore;
import dev.loyaltylens.store.SqlLiteral;
import dev.loyaltylens.testing.Project;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vectors of a generated event set with bad and repeated rows, pinned bit for bit to {@code
 * golden-vectors.csv}: that file was exported from a version computed by an earlier build on the
 * same events, so a change to how compute runs (fewer passes, other plans) that alters a single
 * value, or its last bit, fails here. Doubles are written in the file as their shortest exact
 * decimal form, which parses back to the same bits.
 */
class GoldenVectorsTest {

  static final Instant AS_OF = Instant.parse("2026-11-25T00:00:00Z");

  /**
   * The generator's rows, with, by the rank of their id: every 100th breaking a rule (a NaN amount,
   * an unknown channel), every 100th plus 1 repeated as it is, plus 2 repeated an hour later on
   * another channel (the earliest copy stays), plus 3 repeated with a rule broken (the clean copy
   * stays, the other is quarantined).
   */
  static final String DIRTY =
      """
      with numbered as (select *, row_number() over (order by event_id) as n from read_parquet(%s))
      select event_id, customer_id, event_type, event_ts,
          case when n %% 100 = 0 and event_type = 'purchase' then cast('nan' as double) else amount end as amount,
          case when n %% 100 = 0 and event_type <> 'purchase' then 'fax' else channel end as channel
      from numbered
      union all
      select event_id, customer_id, event_type, event_ts, amount, channel from numbered where n %% 100 = 1
      union all
      select event_id, customer_id, event_type, event_ts + interval 1 hour, amount, 'web' from numbered where n %% 100 = 2
      union all
      select event_id, customer_id, event_type, event_ts, amount, 'carrier pigeon' from numbered where n %% 100 = 3
      """;

  static final List<String> COLUMNS =
      List.of(
          "customer_id",
          "recency_days",
          "frequency_30d",
          "monetary_90d",
          "offer_redemption_rate",
          "channel_preference",
          "engagement_score");

  @TempDir Path dir;

  @Test
  void vectors_of_events_with_bad_and_repeated_rows_are_the_golden_ones_bit_for_bit()
      throws Exception {
    Path clean = dir.resolve("clean");
    EventGenerator.generate(new GeneratorSettings(30_000, 3_000, 180, 9, AS_OF), clean, line -> {});
    Path events = Files.createDirectories(dir.resolve("events"));
    try (Connection duckdb = DuckDbConnections.open("jdbc:duckdb:");
        Statement statement = duckdb.createStatement()) {
      statement.execute(
          "copy ("
              + String.format(DIRTY, SqlLiteral.of(clean.resolve("part-00000.parquet")))
              + ") to "
              + SqlLiteral.of(events.resolve("part-00000.parquet"))
              + " (format parquet)");
    }
    List<List<Object>> computed = new ArrayList<>();
    try (FeatureStore store = Project.openStore(dir.resolve("home"))) {
      FeatureComputation.Result result =
          new FeatureComputation(
                  DefinitionSet.load(Project.sql()), Project.migrations(), 0.05, line -> {})
              .compute(store, events, AS_OF, 180);
      assertThat(result.staging().quarantined()).isEqualTo(600);
      assertThat(result.staging().duplicatesDropped()).isEqualTo(600);
      store
          .handle()
          .createQuery(
              "select * exclude (version, computed_at) from features where version = :v order by customer_id")
          .bind("v", result.version())
          .mapToMap()
          .forEach(row -> computed.add(COLUMNS.stream().map(row::get).toList()));
    }
    List<List<Object>> golden = golden();
    assertThat(computed).hasSize(3_000).hasSameSizeAs(golden);
    // Double.equals compares the bits
    assertThat(computed).containsExactlyElementsOf(golden);
  }

  /**
   * The golden vectors, typed as the features table holds them, in the file's order (by customer
   * id).
   */
  private static List<List<Object>> golden() throws IOException {
    try (InputStream in = GoldenVectorsTest.class.getResourceAsStream("golden-vectors.csv")) {
      List<String> lines =
          new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .toList();
      assertThat(lines.get(0)).isEqualTo(String.join(",", COLUMNS));
      return lines.stream().skip(1).map(GoldenVectorsTest::vector).toList();
    }
  }

  private static List<Object> vector(String line) {
    String[] values = line.split(",", -1);
    return List.of(
        values[0],
        Integer.valueOf(values[1]),
        Integer.valueOf(values[2]),
        Double.valueOf(values[3]),
        Double.valueOf(values[4]),
        values[5],
        Double.valueOf(values[6]));
  }
}
