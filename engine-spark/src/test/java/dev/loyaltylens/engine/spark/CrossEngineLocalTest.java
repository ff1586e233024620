package dev.loyaltylens.engine.spark;

import static dev.loyaltylens.engine.spark.Events.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.compute.EngineRun;
import dev.loyaltylens.compute.EventFiles;
import dev.loyaltylens.compute.TemplateQueryException;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.definitions.RunValues;
import dev.loyaltylens.engine.EngineInputs;
import dev.loyaltylens.engine.duckdb.DuckDbEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every template of sql/, rendered for each engine, gives the same rows on Spark local[2] as on
 * DuckDB.
 */
class CrossEngineLocalTest {

  @TempDir static Path dir;
  static SparkEngine spark;
  static Handle store;
  static Path sql;

  @BeforeAll
  static void start() throws Exception {
    spark = SparkEngine.start("local[2]", Map.of("spark.sql.shuffle.partitions", "4"));
    store = TemplateRuns.duckDb();
    sql = SqlFolders.repository();
  }

  @AfterAll
  static void stop() {
    store.close();
    spark.close();
  }

  @Test
  void every_relation_is_identical_on_both_engines() throws Exception {
    Path events = EveryKindOfEvent.write(dir.resolve("every-kind"));
    var duckdb =
        TemplateRuns.run(new DuckDbEngine(), sql, events, T, store, dir.resolve("scratch-duckdb"));
    var onSpark = TemplateRuns.run(spark, sql, events, T, store, dir.resolve("scratch-spark"));
    System.out.printf(
        "every kind of event: DuckDB %d ms, Spark local[2] %d ms%n",
        duckdb.time().toMillis(), onSpark.time().toMillis());

    assertThat(onSpark.relations().keySet()).containsExactlyElementsOf(duckdb.relations().keySet());
    onSpark
        .relations()
        .forEach(
            (relation, rows) ->
                assertThat(rows).as(relation).isEqualTo(duckdb.relations().get(relation)));
    assertThat(onSpark.eventRows()).isEqualTo(duckdb.eventRows()).isEqualTo(EveryKindOfEvent.ROWS);
    // every rule of SPEC section 1 broken, and the copy of dup-3 with an amount
    assertThat(duckdb.relations().get("quarantined_events")).hasSize(EveryKindOfEvent.QUARANTINED);
    // the kept copy of each flagged id that has a clean one: dup-1 to dup-4, dup-3 for its copy
    // with an
    // amount
    assertThat(duckdb.relations().get("first_of_duplicates")).hasSize(4);
  }

  @Test
  void a_quarantined_row_keeps_the_same_text_of_its_time_and_amount_on_both_engines()
      throws Exception {
    Path events = EveryKindOfEvent.write(dir.resolve("every-kind-text"));
    var duckdb =
        TemplateRuns.run(new DuckDbEngine(), sql, events, T, store, dir.resolve("text-of-duckdb"));
    var onSpark = TemplateRuns.run(spark, sql, events, T, store, dir.resolve("text-of-spark"));

    // reason, event id, customer, type, time, amount, channel: the kept text is DuckDB's spelling
    List<List<Object>> kept = onSpark.relations().get("quarantined_events");
    assertThat(kept).isEqualTo(duckdb.relations().get("quarantined_events"));
    assertThat(kept.stream().map(row -> row.get(5)).filter(amount -> amount != null))
        .contains(
            "nan",
            "inf",
            "-inf",
            "-5.0",
            "3.0",
            "10000000000.0",
            "1.5e+20",
            "1.5e-05",
            "12345678.9");
    assertThat(kept.stream().map(row -> (String) row.get(4)).filter(time -> time != null))
        .allMatch(
            time -> time.matches("2026-11-2\\d \\d\\d:\\d\\d:\\d\\d"), "DuckDB's TIMESTAMP text");
  }

  @Test
  void event_times_and_amounts_given_as_text_read_alike_with_or_without_an_offset()
      throws Exception {
    Path events = dir.resolve("text-times");
    TextTimes.write(
        events.resolve("part-0.parquet"),
        List.of(
            new TextTimes.Row("t1", "ann", "2026-11-20T10:00:00+05:30", "web"),
            new TextTimes.Row("t2", "ann", "2026-11-20 04:30:00", "mobile"),
            new TextTimes.Row("t3", "ben", "2026-11-23T23:59:59.5Z", "web"),
            new TextTimes.Row("t4", "ben", "2026-11-24T01:00:00+02:00", "in-store"),
            new TextTimes.Row("t5", "cat", "yesterday", "web"),
            new TextTimes.Row("t6", "dan", "purchase", "2026-11-22T00:00:00Z", "12.5", "web"),
            new TextTimes.Row("t7", "dan", "purchase", "2026-11-22T00:00:00Z", "twelve", "web")));
    var duckdb =
        TemplateRuns.run(new DuckDbEngine(), sql, events, T, store, dir.resolve("text-duckdb"));
    var onSpark = TemplateRuns.run(spark, sql, events, T, store, dir.resolve("text-spark"));

    assertThat(onSpark.relations()).isEqualTo(duckdb.relations());
    // ann's two events are one instant, 3 d 19.5 h before T; ben's last one (T - 1 h) counts, at
    // 23:59:59.5 too
    assertThat(duckdb.relations().get("recency_days"))
        .containsExactly(List.of("ann", 3), List.of("ben", 0), List.of("dan", 2));
    assertThat(duckdb.relations().get("frequency_30d"))
        .containsExactly(List.of("ann", 2), List.of("ben", 2), List.of("dan", 1));
    assertThat(duckdb.relations().get("monetary_90d")).contains(List.of("dan", 12.5));
    // the time and the amount kept as the file wrote them
    assertThat(duckdb.relations().get("quarantined_events"))
        .containsExactly(
            Arrays.asList(
                "event_ts is not a timestamp", "t5", "cat", "app_open", "yesterday", null, "web"),
            List.of(
                "purchase amount is not a number",
                "t7",
                "dan",
                "purchase",
                "2026-11-22T00:00:00Z",
                "twelve",
                "web"));
  }

  @Test
  void spend_sums_are_bit_identical_only_through_the_library_conversion() throws Exception {
    Path events = dir.resolve("random-amounts");
    RandomPurchases.write(events.resolve("part-0.parquet"), 100_000, 5_000, 7);
    var duckdb =
        TemplateRuns.run(new DuckDbEngine(), sql, events, T, store, dir.resolve("random-duckdb"));
    var onSpark = TemplateRuns.run(spark, sql, events, T, store, dir.resolve("random-spark"));
    Path withNativeCast = SqlFolders.copyOfRepository(dir.resolve("native-cast-sql"));
    Path activity = withNativeCast.resolve("staging/customer_activity.sql.ftl");
    String library = "<@sql.double_to_decimal \"amount\"/>";
    assertThat(Files.readString(activity)).contains(library);
    Files.writeString(
        activity, Files.readString(activity).replace(library, "cast(amount as decimal(38, 10))"));
    var nativeCast =
        TemplateRuns.run(new DuckDbEngine(), withNativeCast, events, T, store, dir.resolve("n"));

    List<List<Object>> spend = onSpark.relations().get("monetary_90d");
    assertThat(spend).hasSize(5_000).isEqualTo(duckdb.relations().get("monetary_90d"));
    assertThat(onSpark.relations().get("engagement_score"))
        .isEqualTo(duckdb.relations().get("engagement_score"));
    // DuckDB's own cast to decimal scales the binary value, noise and all: some sums end on another
    // double
    assertThat(nativeCast.relations().get("monetary_90d")).isNotEqualTo(spend);
  }

  @Test
  void a_function_one_engine_lacks_is_named_at_its_template_line_on_each_engine() throws Exception {
    Path events = EveryKindOfEvent.write(dir.resolve("for-errors"));
    Path broken = SqlFolders.copyOfRepository(dir.resolve("broken-sql"));
    Path template = broken.resolve("features/channel_preference.sql.ftl");
    String source = Files.readString(template);
    String added =
        "        customer_id, regexp_matches(customer_id, 'a') as a, xxhash64(customer_id) as h,\n";
    Files.writeString(template, source.replace("        customer_id,\n", added));
    int line =
        1
            + (int)
                source
                    .substring(0, source.indexOf("        customer_id,\n"))
                    .chars()
                    .filter(c -> c == '\n')
                    .count();
    String at = "sql/features/channel_preference.sql.ftl:" + line + ":";

    assertThat(failure(spark, broken, events))
        .isEqualTo(
            at
                + (added.indexOf("regexp_matches") + 1)
                + ": Spark:"
                + " [UNRESOLVED_ROUTINE] Cannot resolve routine `regexp_matches` on search path [`system`.`builtin`,"
                + " `system`.`session`, `spark_catalog`.`default`]. SQLSTATE: 42883");
    assertThat(failure(new DuckDbEngine(), broken, events))
        .startsWith(
            at
                + (added.indexOf("xxhash64") + 1)
                + ": DuckDB: Catalog Error: Scalar Function with name xxhash64 does not exist!");
  }

  @Test
  void a_construct_spark_cannot_parse_is_named_at_its_template_line() throws Exception {
    Path events = EveryKindOfEvent.write(dir.resolve("for-parse-errors"));
    Path broken = SqlFolders.copyOfRepository(dir.resolve("unparsable-sql"));
    Path template = broken.resolve("staging/first_of_duplicates.sql.ftl");
    String source = Files.readString(template);
    String portable =
        "    select event_id, customer_id, event_type, event_ts, amount, channel, source_event_ts, source_amount,"
            + " quarantine_reason, event_key, copies\n";
    Files.writeString(template, source.replace(portable, "    select * exclude (copy_number)\n"));
    int line =
        1
            + (int)
                source
                    .substring(0, source.indexOf(portable))
                    .chars()
                    .filter(c -> c == '\n')
                    .count();

    assertThat(failure(spark, broken, events))
        .isEqualTo(
            "sql/staging/first_of_duplicates.sql.ftl:"
                + line
                + ":22:"
                + " Spark: [PARSE_SYNTAX_ERROR] Syntax error at or near '('. SQLSTATE: 42601");
  }

  /** The message of the first template the engine refuses, running them all in order. */
  private static String failure(dev.loyaltylens.engine.Engine engine, Path sqlDir, Path events)
      throws Exception {
    var definitions = DefinitionSet.load(sqlDir);
    var binds =
        new RunValues(T, 180, EventFiles.scan(events).patterns()).binds(definitions.ordered());
    var run = new EngineRun(definitions, binds, engine.dialect());
    try (var session =
        engine.open(new EngineInputs(TemplateRuns.files(events), store, dir.resolve("errors")))) {
      run.materializeAll(session);
    } catch (TemplateQueryException e) {
      return e.getMessage();
    }
    throw new AssertionError("every template ran on " + engine.name());
  }
}
