package dev.loyaltylens.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.cli.LoyaltyLensCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lint --engine spark} plans every template on Spark as well as on DuckDB, and names what
 * Spark rejects.
 */
class LintOnSparkTest {

  @TempDir Path dir;

  /** What lint printed on stdout, and its exit code. */
  private record Outcome(int exitCode, String out) {}

  private static Outcome lint(Path sql) {
    return lint(sql, "local[1]");
  }

  private static Outcome lint(Path sql, String master) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int code =
          LoyaltyLensCli.run(
              "lint",
              "--sql",
              sql.toString(),
              "--migrations",
              SqlFolders.migrations().toString(),
              "--engine",
              "spark",
              "--spark-master",
              master);
      return new Outcome(code, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
    }
  }

  @Test
  void the_repository_templates_plan_on_both_engines() throws Exception {
    Outcome outcome = lint(SqlFolders.repository());

    assertThat(outcome.exitCode()).as(outcome.out()).isZero();
    assertThat(outcome.out()).contains("no problems");
  }

  @Test
  void a_construct_only_duckdb_reads_is_named_at_its_template_line_and_column() throws Exception {
    Path sql = SqlFolders.copyOfRepository(dir.resolve("sql"));
    Path template = sql.resolve("staging/first_of_duplicates.sql.ftl");
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

    Outcome outcome = lint(sql);

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.out().lines())
        .containsExactly(
            "sql/staging/first_of_duplicates.sql.ftl:"
                + line
                + ":22: Spark: [PARSE_SYNTAX_ERROR] Syntax error at or near"
                + " '('. SQLSTATE: 42601");
  }

  @Test
  void a_master_spark_cannot_run_on_is_a_usage_error() throws Exception {
    Outcome outcome = lint(SqlFolders.repository(), "yarn");

    assertThat(outcome.exitCode()).isEqualTo(2);
  }
}
