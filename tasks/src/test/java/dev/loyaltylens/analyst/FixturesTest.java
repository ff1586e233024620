package dev.loyaltylens.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code test}: the fixtures next to the templates, run in memory, with a diff and the computed
 * table on failure.
 */
class FixturesTest {

  @TempDir Path dir;

  @Test
  void every_fixture_of_the_repository_passes() throws Exception {
    long files = FixtureRunner.discover(Project.sql()).size();

    Cli.Outcome outcome =
        Cli.runRaw("test", "--sql=" + Project.sql(), "--migrations=" + Project.migrations());

    assertThat(outcome.exitCode()).as(outcome.out()).isZero();
    assertThat(outcome.out().lines().filter(line -> line.startsWith("PASS sql/features/")))
        .hasSize((int) files);
    assertThat(files).isGreaterThanOrEqualTo(6);
    assertThat(outcome.out()).endsWith("test: " + files + " fixtures passed\n");
  }

  @Test
  void a_wrong_expected_value_fails_with_its_line_and_the_computed_table() throws Exception {
    ProjectCopy copy = ProjectCopy.of(dir);
    Path fixture = copy.sql().resolve("features/recency_days.test.txt");
    Files.writeString(
        fixture,
        Files.readString(fixture)
            .replace("| hal         | 2            |", "| hal         | 3            |")
            .replace("| gil         | 0            |\n", ""));

    Cli.Outcome outcome = copy.run("test", "recency_days");

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.out())
        .contains(
            "FAIL sql/features/recency_days.test.txt (2 differences)\n"
                + "  line 24: hal recency_days expected 3, computed 2\n"
                + "  unexpected customer gil in the features: recency_days 0\n"
                + "  computed (paste into expect: once the values are right):\n"
                + "    | customer_id | recency_days |\n"
                + "    | ann         | 1            |\n")
        .contains("PASS sql/features/engagement_score.test.txt");
    assertThat(outcome.err().strip()).isEqualTo("error: test: 1 of 2 fixtures failed");
  }

  @Test
  void doubles_compare_within_the_tolerance_and_arithmetic_is_evaluated() {
    assertThat(FixtureRunner.matches("2/3", 0.6666666666666666, 1e-9)).isTrue();
    assertThat(
            FixtureRunner.matches("0.30 * (1 - 1/90) + 0.25 * 2/20", 0.30 * 89 / 90 + 0.025, 1e-9))
        .isTrue();
    assertThat(FixtureRunner.matches("0.667", 2.0 / 3, 1e-9)).isFalse();
    assertThat(FixtureRunner.matches("0.667", 2.0 / 3, 1e-3)).isTrue();
    assertThat(FixtureRunner.matches("2", 2, 1e-9)).isTrue();
    assertThat(FixtureRunner.matches("mobile", "mobile", 1e-9)).isTrue();
    assertThat(FixtureRunner.matches(null, null, 1e-9)).isTrue();
  }

  @Test
  void a_fixture_that_does_not_read_is_located() throws Exception {
    ProjectCopy copy = ProjectCopy.of(dir);
    Path fixture = copy.sql().resolve("features/frequency_30d.test.txt");
    Files.writeString(fixture, Files.readString(fixture).replace("| T-2d      |", "| T-2x      |"));

    Cli.Outcome outcome = copy.run("test", "frequency_30d");

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.out())
        .contains(
            "FAIL sql/features/frequency_30d.test.txt\n"
                + "  sql/features/frequency_30d.test.txt:15:30: `T-2x` is not a time: write T, T-30d, T-1d2h or an instant"
                + " like 2026-11-24T00:00:00Z");
  }
}
