package dev.loyaltylens.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line of {@code serve}: help, one line with exit code 2 for bad arguments, 1 for a
 * home without a store.
 */
class ServeMainTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return ServeMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void help_describes_every_option_and_exits_0() {
    assertThat(run("--help")).isEqualTo(0);
    assertThat(out.toString())
        .contains("--home", "--port", "--host", "--threads", "--poll-ms", "X-API-Key");
  }

  @Test
  void a_port_that_is_not_a_number_exits_2_with_one_line() {
    assertThat(run("--home", "/tmp/nowhere", "--port", "eighty")).isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).startsWith("error: ").contains("--port").contains("eighty");
  }

  @Test
  void an_unknown_option_exits_2_with_one_line() {
    assertThat(run("--hom", "/tmp/nowhere")).isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).contains("--hom");
  }

  @Test
  void a_home_that_holds_no_store_exits_1_and_creates_nothing(@TempDir Path dir) {
    Path mistyped = dir.resolve("dta");

    assertThat(run("--home", mistyped.toString(), "--port", "0")).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo(
            "error: "
                + mistyped
                + " holds no LoyaltyLens store (no store.duckdb,"
                + " no published/): check --home or $LOYALTYLENS_HOME; `compute` or `pipeline` makes a store");
    assertThat(mistyped).doesNotExist();
  }

  @Test
  void a_port_out_of_range_exits_2_with_one_line() {
    assertThat(run("--home", "/tmp/nowhere", "--port", "70000")).isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).contains("port 70000 is not a TCP port");
  }
}
