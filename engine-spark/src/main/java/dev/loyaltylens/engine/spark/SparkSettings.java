package dev.loyaltylens.engine.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The Spark settings every run needs, and starting the application with them. */
final class SparkSettings {

  private SparkSettings() {}

  /** What makes Spark compute what DuckDB computes, and stay quiet and local. */
  static Map<String, String> defaults() {
    Map<String, String> conf = new LinkedHashMap<>();
    // Instants read and print in UTC whatever the machine's zone, as every DuckDB connection does.
    conf.put("spark.sql.session.timeZone", "UTC");
    // ANSI mode is Spark 4's default: an overflowing cast or sum fails the run instead of giving
    // null.
    conf.put("spark.sql.ansi.enabled", "true");
    // Timestamps come back to Java as Instant, dates as LocalDate.
    conf.put("spark.sql.datetime.java8API.enabled", "true");
    // Files handed over to the store carry standard Parquet timestamps, not the legacy INT96.
    conf.put("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.ui.showConsoleProgress", "false");
    return conf;
  }

  /** Starts (or joins, when this JVM runs one on the same master) the Spark application. */
  static SparkSession session(String master, Map<String, String> settings) {
    SparkConf conf = new SparkConf().setMaster(master).setAppName("loyaltylens compute");
    if (onLoopback(master)) {
      // a driver for this machine's own Spark listens on loopback only, not on the address the
      // hostname resolves to
      conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
    }
    settings.forEach(
        (key, value) -> {
          if (!System.getProperties().containsKey(key)) {
            conf.set(key, value);
          }
        });
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    String running = spark.sparkContext().master();
    if (!running.equals(master)) {
      throw new SparkEngineException(
          "this process already runs Spark on "
              + running
              + ", not on "
              + master
              + ": one process holds one Spark application, so stop the other engine first");
    }
    return spark;
  }

  /** Whether the master is this process or a cluster on this machine's loopback. */
  static boolean onLoopback(String master) {
    return master.startsWith("local")
        || master.startsWith("spark://127.0.0.1:")
        || master.startsWith("spark://localhost:");
  }
}
