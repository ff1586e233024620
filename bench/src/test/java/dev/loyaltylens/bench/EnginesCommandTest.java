package dev.loyaltylens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench engines} for real at a small scale: generated events computed on DuckDB and on Spark
 * {@code local[1]}, both versions compared.
 */
class EnginesCommandTest {

  @TempDir Path dir;

  /** Spark's default of 200 shuffle partitions is most of a small run's time on one core. */
  @BeforeAll
  static void fewShufflePartitions() {
    System.setProperty("spark.sql.shuffle.partitions", "2");
  }

  @AfterAll
  static void defaultShufflePartitions() {
    System.clearProperty("spark.sql.shuffle.partitions");
  }

  private static Matcher matcher(String regex, String text) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as("%s in:%n%s", regex, text).isTrue();
    return matcher;
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      return BenchMain.run(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void computes_the_same_version_and_vectors_on_duckdb_and_spark() throws IOException {
    Path work = dir.resolve("work");
    int code =
        run(
            "engines",
            "--rows",
            "3000",
            "--customers",
            "300",
            "--seed",
            "7",
            "--spark-master",
            "local[1]",
            "--sql",
            System.getProperty("loyaltylens.sql"),
            "--migrations",
            System.getProperty("loyaltylens.migrations"),
            "--work",
            work.toString());

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed).contains("generated 3,000 events of 300 customers");
    Matcher duckdb = matcher("engines: duckdb +[0-9.]+ s  (v\\S+) \\(([0-9]+) rows\\)", printed);
    String version = duckdb.group(1);
    String rows = duckdb.group(2);
    // a customer whose every event falls before the lookback has no vector
    assertThat(Integer.parseInt(rows)).isBetween(250, 300);
    assertThat(printed)
        .contains("s  " + version + " (" + rows + " rows)\nengines: spark / duckdb")
        .containsPattern("engines: spark local\\[1\\] +[0-9.]+ s  " + version)
        .containsPattern("spark / duckdb [0-9.]+x; load average [0-9.]+, ")
        .contains("same version " + version + " and identical vectors (" + rows + " rows)");
    // each engine computed into a home of its own
    assertThat(work.resolve("home-duckdb/store.duckdb")).isRegularFile();
    assertThat(work.resolve("home-spark/store.duckdb")).isRegularFile();

    out.reset();
    err.reset();
    assertThat(
            run(
                "engines",
                "--events",
                work.resolve("events").toString(),
                "--work",
                work.toString()))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "error: "
                + work.resolve("home-duckdb")
                + " exists: bench engines computes into fresh homes, pass a new folder to --work");
  }

  @Test
  void refuses_events_and_rows_together_with_exit_2() {
    assertThat(run("engines", "--events", dir.toString(), "--rows", "10")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: ").contains("--events");
  }
}
