package dev.loyaltylens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.testing.Cli;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every verb's {@code --help} prints its help and exits 0, whatever required option is missing. */
class HelpTest {

  private static Set<String> verbs() {
    return new CommandLine(new LoyaltyLensCli()).getSubcommands().keySet();
  }

  @Test
  void every_verb_prints_its_help_on_help_and_exits_0() {
    assertThat(verbs())
        .contains("publish", "validate", "export", "pin", "reproduce", "training-set", "run");
    for (String verb : verbs()) {
      for (String flag : new String[] {"--help", "-h"}) {
        Cli.Outcome outcome = Cli.runRaw(verb, flag);

        assertThat(outcome.exitCode()).as(verb + " " + flag + ": " + outcome.err()).isZero();
        assertThat(outcome.out())
            .as(verb)
            .contains("Usage: loyaltylens " + verb)
            .contains("--help");
        assertThat(outcome.err()).as(verb).isEmpty();
      }
    }
  }

  @Test
  void help_comes_first_even_after_other_options() {
    Cli.Outcome outcome = Cli.runRaw("publish", "--home", "/nowhere", "--help");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out())
        .startsWith("Usage: loyaltylens publish")
        .contains("--version=<version>");
  }

  @Test
  void a_missing_required_option_is_one_line_that_points_at_help() {
    Cli.Outcome outcome = Cli.runRaw("publish");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err().lines())
        .containsExactly(
            "error: Missing required option: '--version=<version>' (see loyaltylens publish --help)");
  }

  @Test
  void the_top_command_prints_its_version() {
    Cli.Outcome outcome = Cli.runRaw("--version");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out().strip()).isEqualTo("loyaltylens 0.1.0");
  }
}
