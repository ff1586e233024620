package dev.loyaltylens.engine.spark;

import static dev.loyaltylens.engine.spark.Events.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.engine.duckdb.DuckDbEngine;
import dev.loyaltylens.generation.EventGenerator;
import dev.loyaltylens.generation.GeneratorSettings;
import java.nio.file.Path;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The templates on a real standalone cluster started here, one master and two one-core workers in
 * processes of their own, with this JVM as the driver: the same rows as DuckDB, relation by
 * relation.
 */
@Tag("spark-cluster")
class CrossEngineClusterTest {

  @TempDir static Path dir;
  static StandaloneCluster cluster;
  static SparkEngine spark;
  static Handle store;
  static Path sql;

  @BeforeAll
  static void start() throws Exception {
    cluster = StandaloneCluster.start(2);
    System.out.printf(
        "standalone cluster (master and 2 workers) up in %d ms%n", cluster.startTime().toMillis());
    spark =
        SparkEngine.start(
            cluster.url(),
            Map.of(
                "spark.driver.host", "127.0.0.1",
                "spark.driver.bindAddress", "127.0.0.1",
                "spark.executor.memory", "768m",
                "spark.sql.shuffle.partitions", "4"));
    store = TemplateRuns.duckDb();
    sql = SqlFolders.portable(dir.resolve("sql"));
  }

  @AfterAll
  static void stop() {
    try {
      if (store != null) {
        store.close();
      }
      if (spark != null) {
        spark.close();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Test
  void runs_on_the_cluster_and_not_in_the_driver() throws Exception {
    assertThat(spark.master()).isEqualTo(cluster.url());
    assertThat(cluster.aliveWorkers()).isEqualTo(2);
  }

  @Test
  void every_relation_is_identical_on_both_engines() throws Exception {
    Path events = EveryKindOfEvent.write(dir.resolve("every-kind"));
    var duckdb =
        TemplateRuns.run(new DuckDbEngine(), sql, events, T, store, dir.resolve("scratch-duckdb"));
    var onSpark = TemplateRuns.run(spark, sql, events, T, store, dir.resolve("scratch-spark"));
    System.out.printf(
        "every kind of event: DuckDB %d ms, Spark cluster %d ms%n",
        duckdb.time().toMillis(), onSpark.time().toMillis());

    onSpark
        .relations()
        .forEach(
            (relation, rows) ->
                assertThat(rows).as(relation).isEqualTo(duckdb.relations().get(relation)));
    assertThat(onSpark.relations().keySet()).containsExactlyElementsOf(duckdb.relations().keySet());
    assertThat(duckdb.relations().get("quarantined_events")).hasSize(16);
  }

  @Test
  void generated_events_give_identical_vectors() throws Exception {
    Path events = dir.resolve("generated");
    EventGenerator.generate(new GeneratorSettings(20_000, 2_000, 180, 42, T), events, line -> {});
    var duckdb =
        TemplateRuns.run(
            new DuckDbEngine(), sql, events, T, store, dir.resolve("generated-duckdb"));
    var onSpark = TemplateRuns.run(spark, sql, events, T, store, dir.resolve("generated-spark"));
    System.out.printf(
        "20,000 generated events: DuckDB %d ms, Spark cluster %d ms%n",
        duckdb.time().toMillis(), onSpark.time().toMillis());

    assertThat(duckdb.relations().get("engagement_score")).hasSizeGreaterThan(1_900);
    onSpark
        .relations()
        .forEach(
            (relation, rows) ->
                assertThat(rows).as(relation).isEqualTo(duckdb.relations().get(relation)));
  }
}
