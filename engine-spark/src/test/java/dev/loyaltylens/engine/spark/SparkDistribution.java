package dev.loyaltylens.engine.spark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Spark distribution that standalone clusters run from, as engine-spark/install-spark.sh
 * installs it. Without one a cluster test is skipped on a laptop (saying how to install it) and
 * fails on CI, never passing unseen.
 */
final class SparkDistribution {

  private SparkDistribution() {}

  static Path home() {
    String configured = System.getProperty("loyaltylens.spark.home", System.getenv("SPARK_HOME"));
    Path home = configured == null ? null : Path.of(configured);
    boolean present = home != null && Files.isExecutable(home.resolve("bin/spark-class"));
    String missing = "no Spark distribution at " + home + ": run engine-spark/install-spark.sh";
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(missing);
    }
    assumeTrue(present, missing);
    return home;
  }
}
