package dev.loyaltylens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The command line of {@code bench}: every verb's help, and one line with exit code 2 for bad
 * arguments.
 */
class BenchMainTest {

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
  void every_verb_prints_its_help_whatever_is_missing() {
    for (String verb :
        new String[] {"ids", "lookups", "client", "online", "floor", "dirty-events", "engines"}) {
      out.reset();
      assertThat(run(verb, "--help")).as(verb).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: bench " + verb);
    }
  }

  @Test
  void a_missing_required_option_exits_2_with_one_line() {
    assertThat(run("ids", "--out", "/tmp/nowhere.txt")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .containsExactly("error: Missing required option: '--home=<home>' (see bench ids --help)");
  }
}
