package dev.loyaltylens.engine.spark;

import dev.loyaltylens.UsageException;
import dev.loyaltylens.engine.Engine;
import dev.loyaltylens.engine.EngineFactory;
import dev.loyaltylens.engine.EngineOptions;
import java.util.Map;
import java.util.regex.Pattern;

/** Offers {@code --engine spark} to a class path that holds this module. */
public final class SparkEngineFactory implements EngineFactory {

  /** Where Spark runs when a run names no master: every core of this machine. */
  static final String DEFAULT_MASTER = "local[*]";

  /** The masters a run may name: this process with N threads, or a standalone cluster's master. */
  private static final Pattern MASTER =
      Pattern.compile("local(\\[([1-9][0-9]*|\\*)])?|spark://[^:/\\s]+:[0-9]{1,5}");

  @Override
  public String name() {
    return SparkEngine.NAME;
  }

  @Override
  public Engine create(EngineOptions options) {
    String master = options.master().orElse(DEFAULT_MASTER);
    if (!MASTER.matcher(master).matches()) {
      throw new UsageException(
          "--spark-master "
              + master
              + " is not a Spark master: use local[N], local[*] or"
              + " spark://HOST:PORT (or set LOYALTYLENS_SPARK_MASTER to one)");
    }
    return SparkEngine.start(master, Map.of());
  }
}
