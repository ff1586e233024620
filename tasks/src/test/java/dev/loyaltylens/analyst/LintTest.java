package dev.loyaltylens.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.testing.Cli;
import dev.loyaltylens.testing.Project;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lint} on the repository's templates, then on a copy where each new template makes one
 * mistake: every problem is reported at its file, line and column, and the run exits 1.
 */
class LintTest {

  @TempDir static Path dir;
  static Cli.Outcome broken;
  static List<String> problems;

  @BeforeAll
  static void lintABrokenCopy() throws Exception {
    ProjectCopy copy = ProjectCopy.of(dir);
    copy.feature(
        "syntax_error",
        "INTEGER",
        "select customer_id,\n<#if true>\n    1 as syntax_error\nfrom customer_activity\n");
    copy.feature(
        "undefined_value",
        "INTEGER",
        "select customer_id,\n    ${window_days} as undefined_value\nfrom customer_activity\n");
    copy.feature(
        "unbound_value",
        "INTEGER",
        "-- depends_on is missing too, but the value is the point here\n"
            + "select customer_id, cast(:window_days as integer) as unbound_value\nfrom customer_activity\n");
    copy.write(
        "sql/features/wrong_type.sql.ftl",
        String.format(ProjectCopy.HEADER, "counts events", "INTEGER")
                .replace("-->", "depends_on: customer_activity\n-->")
            + "select customer_id, offer_views + redeems as wrong_type\nfrom customer_activity\n");
    copy.feature(
        "forbidden_eval",
        "INTEGER",
        "select customer_id, ${\"1\"?eval} as forbidden_eval from t\n");
    copy.feature(
        "side_effect",
        "INTEGER",
        "select customer_id, 1 as side_effect from t;\nattach 'other.duckdb' as other\n");
    copy.feature(
        "reads_file",
        "VARCHAR",
        "select customer_id, content as reads_file\nfrom read_text('/etc/passwd'), t\n");
    copy.feature(
        "spliced_value",
        "DOUBLE",
        "select customer_id, ${params.weight} as spliced_value from t\n"
            .replace("${params.weight}", "${weight}")
            .replace("select", "<#assign weight = \"0.5 + (select 1)\">\nselect"));
    copy.feature(
        "includes_outside",
        "INTEGER",
        "<#include \"../../migrations/V1__features_and_registry.sql\">\n");
    copy.write(
        "sql/features/unknown_key.sql.ftl",
        "<#--\ndescription: a test feature\nowner: tests\nunit: things\ntype: INTEGER\nrefresh: daily\n-->\n"
            + "select customer_id, 1 as unknown_key from customer_activity\n");
    copy.write(
        "sql/features/bad_column.sql.ftl",
        String.format(ProjectCopy.HEADER, "a typo", "INTEGER")
                .replace("-->", "depends_on: customer_activity\n-->")
            + "with final as (\n    select\n        customer_id,\n        cast(redeem_count as integer) as bad_column\n"
            + "    from customer_activity\n)\n\nselect * from final\n");
    broken = copy.run("lint");
    problems = broken.out().lines().toList();
  }

  @Test
  void the_repository_templates_lint_clean_with_a_one_line_summary() {
    Cli.Outcome clean =
        Cli.runRaw("lint", "--sql=" + Project.sql(), "--migrations=" + Project.migrations());
    assertThat(clean.exitCode()).isZero();
    assertThat(clean.out().strip())
        .matches("lint: \\d+ templates and \\d+ fixtures checked, no problems");
  }

  @Test
  void problems_exit_one_with_a_summary() {
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.err().strip()).matches("error: lint: \\d+ problems in \\d+ files \\(.*\\)");
  }

  @Test
  void a_syntax_error_is_located() {
    assertThat(problems)
        .anyMatch(p -> p.matches("sql/features/syntax_error\\.sql\\.ftl:\\d+:\\d+: .*#if.*"));
  }

  @Test
  void an_undefined_value_is_located() {
    assertThat(problems)
        .contains(
            "sql/features/undefined_value.sql.ftl:8:7: `window_days` is not defined: a"
                + " template sees only `name`, `params` and the variables it makes with <#assign> and <#list>; values from"
                + " outside are bound as :name");
  }

  @Test
  void an_unbound_value_is_located() {
    assertThat(problems)
        .anyMatch(
            p ->
                p.startsWith(
                    "sql/features/unbound_value.sql.ftl:8:26: :window_days is not" + " bound"));
  }

  @Test
  void a_column_of_another_type_than_declared_points_at_the_type_line() {
    assertThat(problems)
        .contains(
            "sql/features/wrong_type.sql.ftl:5:1: the query yields wrong_type as BIGINT, and"
                + " the header declares type: INTEGER: cast it in the SQL, like cast(... as integer)");
  }

  @Test
  void a_missing_migration_names_the_file_to_add() {
    assertThat(problems)
        .anyMatch(
            p ->
                p.startsWith("sql/features/wrong_type.sql.ftl:1:1: feature `wrong_type`")
                    && p.matches(
                        ".* add migrations/V\\d+__add_wrong_type\\.sql containing `alter table features add column"
                            + " wrong_type integer;`"));
  }

  @Test
  void forbidden_constructs_are_located() {
    assertThat(problems)
        .anyMatch(
            p -> p.startsWith("sql/features/forbidden_eval.sql.ftl:7:26: ?eval is not allowed"))
        .anyMatch(
            p -> p.startsWith("sql/features/side_effect.sql.ftl:7:44: `;` ends the statement"))
        .anyMatch(
            p -> p.startsWith("sql/features/side_effect.sql.ftl:8:1: `attach` is not allowed"))
        .anyMatch(
            p ->
                p.startsWith(
                    "sql/features/reads_file.sql.ftl:8:6: read_text(...) reads files directly"))
        .anyMatch(
            p ->
                p.startsWith(
                    "sql/features/spliced_value.sql.ftl:8:21: ${...} produced `0.5 + (select 1)`"))
        .anyMatch(
            p ->
                p.startsWith(
                    "sql/features/includes_outside.sql.ftl:7:1: <#include"
                        + " \"../../migrations/V1__features_and_registry.sql\"> reaches outside sql/"));
  }

  @Test
  void an_unknown_header_key_is_located() {
    assertThat(problems)
        .contains(
            "sql/features/unknown_key.sql.ftl:6:1: unknown header key `refresh`: a header"
                + " holds description, grain, owner, depends_on, params, unit, type, checks, drift, materialized,"
                + " skip_when_empty, requires_columns, pass_through, pass_through_when_empty");
  }

  @Test
  void a_duckdb_error_is_mapped_back_to_the_template_line() {
    assertThat(problems)
        .anyMatch(
            p ->
                p.startsWith(
                    "sql/features/bad_column.sql.ftl:11:14: DuckDB: Binder Error:"
                        + " Referenced column \"redeem_count\" not found"));
  }
}
