package dev.loyaltylens.engine.spark;

import dev.loyaltylens.definitions.SqlDialect;
import dev.loyaltylens.engine.Engine;
import dev.loyaltylens.engine.EngineInputs;
import dev.loyaltylens.engine.EngineSession;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Spark SQL as the engine of a run: one Spark application (the driver is this process) on a master
 * such as {@code local[2]} or {@code spark://HOST:PORT}, whose runs are isolated Spark sessions. A
 * JVM holds one Spark application at a time, so this owns it and stops it when closed.
 */
public final class SparkEngine implements Engine {

  public static final String NAME = "spark";
  public static final SqlDialect DIALECT = new SqlDialect(NAME);

  private final SparkSession spark;

  private SparkEngine(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * Starts the Spark application.
   *
   * @param master {@code local[N]}, {@code local[*]} or {@code spark://HOST:PORT}
   * @param conf Spark settings over the engine's own (which {@code spark.*} system properties
   *     override too)
   */
  public static SparkEngine start(String master, Map<String, String> conf) {
    Map<String, String> settings = new LinkedHashMap<>(SparkSettings.defaults());
    settings.putAll(conf);
    return new SparkEngine(SparkSettings.session(master, settings));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SqlDialect dialect() {
    return DIALECT;
  }

  @Override
  public EngineSession open(EngineInputs inputs) {
    return new SparkRun(spark.newSession(), inputs);
  }

  @Override
  public String describe() {
    return "Spark "
        + spark.version()
        + ", master "
        + master()
        + ", application "
        + spark.sparkContext().applicationId();
  }

  /** Where the application runs, as Spark reports it. */
  public String master() {
    return spark.sparkContext().master();
  }

  @Override
  public void close() {
    spark.stop();
  }
}
