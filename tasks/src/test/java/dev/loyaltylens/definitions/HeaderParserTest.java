package dev.loyaltylens.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header format is strict: every problem is located at its file, line and column. */
class HeaderParserTest {

  private static final String FILE = "sql/features/probe.sql.ftl";

  private static List<String> problems(Definition.Kind kind, String header) {
    List<TemplateProblem> problems = new ArrayList<>();
    HeaderParser.parse(FILE, header + "\nselect 1", kind, problems);
    return problems.stream().map(TemplateProblem::toString).toList();
  }

  @Test
  void a_complete_feature_header_reads_with_its_checks_and_params() {
    List<TemplateProblem> problems = new ArrayList<>();
    TemplateHeader header = HeaderParser.parse(FILE, """
        <#--
        description: Share of offers redeemed,
          capped at 1.
        owner: offers-team
        unit: ratio
        type: DOUBLE
        depends_on: customer_activity
        checks:
          - not_null
          - range: [0, 1]
        params:
          cap: 1.0
        -->
        select 1""", Definition.Kind.FEATURE, problems);

    assertThat(problems).isEmpty();
    assertThat(header.description()).isEqualTo("Share of offers redeemed, capped at 1.");
    assertThat(header.checks()).containsExactly(new Check.NotNull(), new Check.Range(0, 1));
    assertThat(header.params()).containsEntry("cap", new BigDecimal("1.0"));
    assertThat(header.lineOf("type")).isEqualTo(6);
    assertThat(header.lineOf("checks.1")).isEqualTo(10);
  }

  @Test
  void an_unknown_key_is_located_with_a_suggestion() {
    assertThat(problems(Definition.Kind.FEATURE,
        "<#--\ndescription: d\nowner: o\nunit: u\ntype: INTEGER\n  \ndepend_on: customer_activity\n-->"))
        .containsExactly(FILE + ":7:1: unknown header key `depend_on` (did you mean `depends_on`?): a header holds"
            + " description, grain, owner, depends_on, params, unit, type, checks, materialized, skip_when_empty,"
            + " requires_columns");
  }

  @Test
  void a_feature_needs_description_owner_unit_and_type() {
    assertThat(problems(Definition.Kind.FEATURE, "<#--\ndescription: d\nowner: o\n-->"))
        .containsExactly(FILE + ":1:1: the header has no `unit:` line, which every feature needs",
            FILE + ":1:1: the header has no `type:` line, which every feature needs");
  }

  @Test
  void a_repeated_key_and_a_staging_only_key_are_problems() {
    assertThat(problems(Definition.Kind.FEATURE,
        "<#--\ndescription: d\nowner: o\nunit: u\ntype: INTEGER\nowner: p\nmaterialized: table\n-->"))
        .containsExactly(FILE + ":6:1: `owner` is declared twice (first on line 3)",
            FILE + ":7:1: `materialized` applies to staging models (sql/staging/) only");
  }

  @Test
  void checks_must_fit_the_column_type() {
    assertThat(problems(Definition.Kind.FEATURE,
        "<#--\ndescription: d\nowner: o\nunit: u\ntype: VARCHAR\nchecks:\n  - range: [0, 1]\n  - is_unique\n-->"))
        .containsExactly(
            FILE + ":8:5: unknown check `is_unique`: use not_null, range: [min, max] or accepted_values: [a, b]",
            FILE + ":7:5: range applies to numeric columns, and this feature is VARCHAR: use accepted_values: [...]"
                + " instead");
  }

  @Test
  void a_type_alias_is_refused_with_the_name_to_write() {
    assertThat(problems(Definition.Kind.FEATURE, "<#--\ndescription: d\nowner: o\nunit: u\ntype: int\n-->"))
        .singleElement().asString().startsWith(FILE + ":5:7: type `int` is not a column type a feature can have:"
            + " write INTEGER");
  }

  @Test
  void params_are_numbers_and_may_not_shadow_run_values() {
    assertThat(problems(Definition.Kind.STAGING,
        "<#--\ndescription: d\nowner: o\nparams:\n  as_of: 3\n  label: 'web'\n-->"))
        .containsExactly(FILE + ":5:3: param `as_of` would shadow the run value :as_of: pick another name",
            FILE + ":6:10: param `label` must be a number, got `'web'`: params are bound as :label, and only numbers"
                + " are");
  }
}
