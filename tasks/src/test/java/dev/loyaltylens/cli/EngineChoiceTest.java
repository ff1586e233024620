package dev.loyaltylens.cli;

import static dev.loyaltylens.testing.EventsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.EventsFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --engine} and {@code --spark-master}: a choice this class path cannot run is a one-line
 * usage error.
 */
class EngineChoiceTest {

  @TempDir Path dir;

  private Cli.Outcome compute(String... engine) throws Exception {
    Path events = EventsFixture.manyCustomers(dir.resolve("events"), 5, 1);
    String[] args = {
      "compute",
      "--home",
      dir.resolve("home").toString(),
      "--events",
      events.toString(),
      "--as-of",
      T.toString()
    };
    String[] all = new String[args.length + engine.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(engine, 0, all, args.length, engine.length);
    return Cli.run(all);
  }

  private static void assertUsageError(Cli.Outcome outcome, String message) {
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).contains(message).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(outcome.err().lines().filter(line -> line.startsWith("error: "))).hasSize(1);
  }

  @Test
  void spark_without_its_module_on_the_class_path_names_the_engines_there() throws Exception {
    assertUsageError(
        compute("--engine", "spark"),
        "engine `spark` is not on the class path (engines here: duckdb)");
    assertThat(Files.exists(dir.resolve("home").resolve("store.duckdb"))).isFalse();
  }

  @Test
  void an_unknown_engine_is_a_usage_error() throws Exception {
    assertUsageError(compute("--engine", "flink"), "engine `flink` is not on the class path");
  }

  @Test
  void a_spark_master_without_the_spark_engine_is_a_usage_error() throws Exception {
    assertUsageError(
        compute("--spark-master", "local[2]"), "--spark-master local[2] needs --engine spark");
  }

  @Test
  void duckdb_named_explicitly_computes_as_the_default_does() throws Exception {
    Cli.Outcome outcome = compute("--engine", "duckdb");
    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.lastLine()).startsWith("v");
  }
}
