package dev.loyaltylens.engine.spark;

import dev.loyaltylens.engine.EngineInputs;
import dev.loyaltylens.engine.EngineSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.Statistics;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.RDDInfo;
import scala.Option;
import scala.math.BigInt;

/**
 * One run in its own Spark session: the run's event files are the view {@code sql/macros/spark.ftl}
 * reads, each relation is a temporary view over its checkpointed rows, and a relation goes to the
 * store as Parquet files in the run's scratch folder.
 */
final class SparkRun implements EngineSession {

  /** The view of the run's events; the Spark library's {@code events} macro names it. */
  static final String EVENTS_VIEW = "loyaltylens_events";

  /**
   * Input splits and coalesced shuffle partitions per executor core: several per core, so that
   * every executor gets an even share of a stage's work (Spark's own default, one per core, gives
   * two workers three or four uneven tasks, one of which ends up alone on an executor).
   */
  static final int TASKS_PER_CORE = 4;

  /**
   * Settings this run derives from the cluster's cores, unless they are set explicitly. Spark
   * deprecates the second for a least partition size, but only a count follows the cores; its
   * deprecation warning stays below the error level that users see.
   */
  private static final List<String> PER_CORE_SETTINGS =
      List.of(
          "spark.sql.files.minPartitionNum",
          "spark.sql.adaptive.coalescePartitions.minPartitionNum");

  private final SparkSession spark;
  private final EngineInputs inputs;
  private final Map<String, Dataset<Row>> made = new LinkedHashMap<>();
  private final List<Path> handedOver = new ArrayList<>();

  SparkRun(SparkSession spark, EngineInputs inputs) {
    this.spark = spark;
    this.inputs = inputs;
    String[] files =
        inputs.eventFiles().stream().map(file -> file.toUri().toString()).toArray(String[]::new);
    // The files are listed one by one, so Spark reads exactly them (no partition columns from
    // folder names), and
    // mergeSchema matches columns by name across files as DuckDB's union_by_name does.
    Dataset<Row> events =
        SparkErrors.translate(
            spark, "", () -> spark.read().option("mergeSchema", "true").parquet(files));
    events.createOrReplaceTempView(EVENTS_VIEW);
  }

  @Override
  public void materialize(String name, String query, Map<String, Object> binds) {
    Dataset<Row> relation =
        SparkErrors.translate(
            spark,
            query,
            // Computed once and kept on the executors (memory, then disk), its lineage cut: a
            // relation read through a cached view is planned again from the events whenever the
            // optimizer prunes its columns, so each feature would rescan every event.
            () -> withMeasuredSize(sql(query, binds).localCheckpoint(true)));
    Dataset<Row> previous = made.put(name, relation);
    if (previous != null) {
      release(previous);
    }
    relation.createOrReplaceTempView(name);
  }

  @Override
  public boolean isEmpty(String relation) {
    return SparkErrors.translate(spark, "", () -> spark.table(relation).isEmpty());
  }

  @Override
  public List<List<Object>> rows(String query, Map<String, Object> binds) {
    return SparkErrors.translate(
        spark,
        query,
        () -> {
          List<List<Object>> rows = new ArrayList<>();
          for (Row row : sql(query, binds).collectAsList()) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
              values.add(row.get(i));
            }
            rows.add(values);
          }
          return rows;
        });
  }

  @Override
  public List<String> columns(String query, Map<String, Object> binds) {
    return SparkErrors.translate(spark, query, () -> List.of(sql(query, binds).columns()));
  }

  @Override
  public void plan(String query, Map<String, Object> binds) {
    SparkErrors.translate(spark, query, () -> sql(query, binds).queryExecution().executedPlan());
  }

  @Override
  public long eventRows() {
    return SparkErrors.translate(spark, "", () -> spark.table(EVENTS_VIEW).count());
  }

  /**
   * Writes the relation as Parquet into the scratch folder and returns DuckDB's reader of those
   * files. Spark's TIMESTAMP is an instant; it is written as UTC wall time, which is what DuckDB's
   * TIMESTAMP holds.
   */
  @Override
  public String handOver(String relation) {
    Path folder = inputs.scratchDir().resolve(relation).toAbsolutePath();
    Dataset<Row> rows = spark.table(relation);
    List<Column> columns = new ArrayList<>();
    for (StructField field : rows.schema().fields()) {
      Column column = functions.col("`" + field.name() + "`");
      columns.add(
          field.dataType().equals(DataTypes.TimestampType)
              ? column.cast(DataTypes.TimestampNTZType).as(field.name())
              : column);
    }
    SparkErrors.translate(
        spark,
        "",
        () -> {
          rows.select(columns.toArray(Column[]::new))
              .write()
              .mode(SaveMode.Overwrite)
              .parquet(folder.toUri().toString());
          return null;
        });
    handedOver.add(folder);
    List<Path> files = partFiles(folder);
    if (files.isEmpty()) {
      throw new SparkEngineException(
          "Spark wrote no Parquet file for "
              + relation
              + " into "
              + folder
              + ": the scratch folder must be one the Spark workers and this process both see");
    }
    return "read_parquet(["
        + files.stream()
            .map(file -> "'" + file.toString().replace("'", "''") + "'")
            .collect(Collectors.joining(", "))
        + "])";
  }

  @Override
  public void close() {
    made.forEach(
        (name, relation) -> {
          spark.catalog().dropTempView(name);
          release(relation);
        });
    made.clear();
    spark.catalog().dropTempView(EVENTS_VIEW);
    for (Path folder : handedOver) {
      delete(folder);
    }
    handedOver.clear();
  }

  /**
   * The checkpointed relation with the size its rows take on the executors as its statistics. A
   * checkpoint otherwise carries the size the planner estimated for its query (for event_audit,
   * about that of every event), so a later join with it (the flagged ids that clean_events leaves
   * out) shuffles every event across the cluster instead of sending the few flagged ids to each
   * executor; with the measured size, Spark broadcasts a relation under its broadcast threshold as
   * it does any small table.
   */
  private Dataset<Row> withMeasuredSize(Dataset<Row> relation) {
    if (!(relation.queryExecution().logical() instanceof LogicalRDD checkpointed)) {
      return relation;
    }
    int id = checkpointed.rdd().id();
    long size = 0;
    for (RDDInfo info : spark.sparkContext().getRDDStorageInfo()) {
      if (info.id() == id) {
        size = info.memSize() + info.diskSize();
      }
    }
    Statistics measured =
        new Statistics(BigInt.apply(size), Option.empty(), Statistics.apply$default$3(), false);
    LogicalRDD sized =
        checkpointed.copy(
            checkpointed.output(),
            checkpointed.rdd(),
            checkpointed.outputPartitioning(),
            checkpointed.outputOrdering(),
            checkpointed.isStreaming(),
            checkpointed.stream(),
            (org.apache.spark.sql.classic.SparkSession) spark,
            Option.apply(measured),
            Option.apply(checkpointed.constraints()));
    return org.apache.spark.sql.classic.Dataset.ofRows(
        (org.apache.spark.sql.classic.SparkSession) spark, sized);
  }

  /** Frees the executors' blocks of a relation made by {@link #materialize}. */
  private static void release(Dataset<Row> relation) {
    if (relation.queryExecution().logical() instanceof LogicalRDD checkpointed) {
      checkpointed.rdd().unpersist(false);
    }
  }

  private Dataset<Row> sql(String query, Map<String, Object> binds) {
    spreadOverCores();
    Map<String, Object> args = new LinkedHashMap<>();
    binds.forEach(
        (name, value) -> {
          // only the values the query names: Spark makes each argument a literal, and the event
          // files (a list, which
          // this engine reads as a view instead) are named by DuckDB's queries alone
          if (query.contains(":" + name)) {
            args.put(name, value instanceof Timestamp timestamp ? timestamp.toInstant() : value);
          }
        });
    return spark.sql(query, args);
  }

  /**
   * Sets the per-core settings from the cores the cluster has now (workers may join after the
   * application starts), so that a stage has at least {@link #TASKS_PER_CORE} tasks per core.
   */
  private void spreadOverCores() {
    int tasks = TASKS_PER_CORE * spark.sparkContext().defaultParallelism();
    for (String key : PER_CORE_SETTINGS) {
      if (!spark.sparkContext().getConf().contains(key)) {
        spark.conf().set(key, tasks);
      }
    }
  }

  private static List<Path> partFiles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".parquet"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new SparkEngineException(
          "could not delete the handed-over files in " + folder + ": " + e.getMessage(), e);
    }
  }
}
