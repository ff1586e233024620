package dev.loyaltylens.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.testing.Project;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header is YAML read strictly: every problem is located at its file, line and column. */
class HeaderParserTest {

  private static final String FILE = "sql/features/probe.sql.ftl";

  private static final String FEATURE = "<#--\ndescription: d\nowner: o\nunit: u\n";

  private static List<String> problems(Definition.Kind kind, String header) {
    List<TemplateProblem> problems = new ArrayList<>();
    HeaderParser.parse(FILE, header + "\nselect 1", kind, problems);
    return problems.stream().map(TemplateProblem::toString).toList();
  }

  /**
   * The problems of a feature header whose description, owner and unit are given, from line 5 on.
   */
  private static List<String> feature(String lines) {
    return problems(Definition.Kind.FEATURE, FEATURE + lines + "\n-->");
  }

  private static TemplateHeader read(String header) {
    List<TemplateProblem> problems = new ArrayList<>();
    TemplateHeader read = HeaderParser.parse(FILE, header + "\nselect 1", null, problems);
    assertThat(problems).isEmpty();
    return read;
  }

  @Test
  void a_complete_feature_header_reads_with_its_checks_and_params() {
    List<TemplateProblem> problems = new ArrayList<>();
    TemplateHeader header =
        HeaderParser.parse(
            FILE,
            """
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
        select 1""",
            Definition.Kind.FEATURE,
            problems);

    assertThat(problems).isEmpty();
    assertThat(header.description()).isEqualTo("Share of offers redeemed, capped at 1.");
    assertThat(header.checks()).containsExactly(new Check.NotNull(), new Check.Range(0, 1));
    assertThat(header.params()).containsEntry("cap", new BigDecimal("1.0"));
    assertThat(header.lineOf("type")).isEqualTo(6);
    assertThat(header.lineOf("checks.1")).isEqualTo(10);
  }

  @Test
  void drift_thresholds_read_as_numbers_by_name() {
    TemplateHeader header =
        read("<#--\ntype: DOUBLE\ndrift:\n  psi_fail: 0.4\n  null_rate_change_warn: 0.01\n-->");

    assertThat(header.drift())
        .containsExactly(
            java.util.Map.entry("psi_fail", new BigDecimal("0.4")),
            java.util.Map.entry("null_rate_change_warn", new BigDecimal("0.01")));
    assertThat(header.lineOf("drift.psi_fail")).isEqualTo(4);
  }

  @Test
  void a_drift_threshold_that_is_unknown_negative_text_or_below_its_warning_is_located() {
    assertThat(
            feature(
                "type: DOUBLE\ndrift:\n  psi_fial: 0.4\n  null_rate_change_fail: -1\n  psi_warn: high"))
        .containsExactly(
            FILE
                + ":7:3: unknown drift threshold `psi_fial` (did you mean `psi_fail`?): `drift:` sets psi_warn,"
                + " psi_fail, mean_shift_warn, mean_shift_fail, null_rate_change_warn, null_rate_change_fail",
            FILE
                + ":8:26: drift threshold `null_rate_change_fail` must be a number at least 0, got `-1`",
            FILE + ":9:13: drift threshold `psi_warn` must be a number at least 0, got `high`");
    assertThat(feature("type: DOUBLE\ndrift:\n  psi_warn: 0.3\n  psi_fail: 0.2"))
        .containsExactly(
            FILE
                + ":7:3: drift threshold `psi_warn` (0.3) is above `psi_fail` (0.2): a warning comes before a failure");
    assertThat(feature("type: DOUBLE\ndrift: 0.25"))
        .containsExactly(
            FILE
                + ":6:8: `drift:` takes `name: number` lines, indented on the next lines, like `  psi_fail: 0.4`");
  }

  @Test
  void an_unknown_key_is_located_with_a_suggestion() {
    assertThat(
            problems(
                Definition.Kind.FEATURE,
                "<#--\ndescription: d\nowner: o\nunit: u\ntype: INTEGER\n  \ndepend_on: customer_activity\n-->"))
        .containsExactly(
            FILE
                + ":7:1: unknown header key `depend_on` (did you mean `depends_on`?): a header holds"
                + " description, grain, owner, depends_on, params, unit, type, checks, drift, materialized,"
                + " skip_when_empty, requires_columns, pass_through, pass_through_when_empty");
  }

  @Test
  void a_feature_needs_description_owner_unit_and_type() {
    assertThat(problems(Definition.Kind.FEATURE, "<#--\ndescription: d\nowner: o\n-->"))
        .containsExactly(
            FILE + ":1:1: the header has no `unit:` line, which every feature needs",
            FILE + ":1:1: the header has no `type:` line, which every feature needs");
  }

  @Test
  void a_repeated_key_and_a_staging_only_key_are_problems() {
    assertThat(
            problems(
                Definition.Kind.FEATURE,
                "<#--\ndescription: d\nowner: o\nunit: u\ntype: INTEGER\nowner: p\nmaterialized: table\n-->"))
        .containsExactly(
            FILE + ":6:1: `owner` is declared twice (first on line 3)",
            FILE + ":7:1: `materialized` applies to staging models (sql/staging/) only");
  }

  @Test
  void checks_must_fit_the_column_type() {
    assertThat(
            problems(
                Definition.Kind.FEATURE,
                "<#--\ndescription: d\nowner: o\nunit: u\ntype: VARCHAR\nchecks:\n  - range: [0, 1]\n  - is_unique\n-->"))
        .containsExactly(
            FILE
                + ":8:5: unknown check `is_unique`: use not_null, range: [min, max] or accepted_values: [a, b]",
            FILE
                + ":7:5: range applies to numeric columns, and this feature is VARCHAR: use accepted_values: [...]"
                + " instead");
  }

  @Test
  void a_type_alias_is_refused_with_the_name_to_write() {
    assertThat(
            problems(
                Definition.Kind.FEATURE, "<#--\ndescription: d\nowner: o\nunit: u\ntype: int\n-->"))
        .singleElement()
        .asString()
        .startsWith(
            FILE + ":5:7: type `int` is not a column type a feature can have:" + " write INTEGER");
  }

  @Test
  void params_are_numbers_and_may_not_shadow_run_values() {
    assertThat(
            problems(
                Definition.Kind.STAGING,
                "<#--\ndescription: d\nowner: o\nparams:\n  as_of: 3\n  label: 'web'\n-->"))
        .containsExactly(
            FILE + ":5:3: param `as_of` would shadow the run value :as_of: pick another name",
            FILE
                + ":6:10: param `label` must be a number, got `'web'`: params are bound as :label, and only numbers"
                + " are");
  }

  @Test
  void a_template_without_a_closed_header_comment_is_located() {
    assertThat(problems(null, "select 1"))
        .containsExactly(FILE + ":1:1: the template must open with a header comment <#-- ... -->");
    assertThat(problems(null, "\n\n<#--\ndescription: d\n"))
        .containsExactly(FILE + ":3:1: the header comment is never closed with -->");
    assertThat(problems(null, "<#-- description: d\n-->"))
        .containsExactly(
            FILE
                + ":1:6: the header's YAML starts on the line after <#--, got `description: d` on the same line");
  }

  @Test
  void yaml_errors_are_located_in_the_template_with_a_hint() {
    assertThat(
            problems(
                null, "\n<#--\ndescription: The ids that need a second look: repeated ones\n-->"))
        .containsExactly(
            FILE
                + ":3:45: the header is not valid YAML: mapping values are not allowed here: a value"
                + " that holds `: ` is quoted, like description: 'a: b'");
    assertThat(problems(null, "<#--\ndescription: d\njust words\nowner: o\n-->"))
        .containsExactly(FILE + ":3:1: expected `key: value`, got `just words`");
    assertThat(problems(null, "<#--\nchecks:\n\t- not_null\n-->"))
        .containsExactly(
            FILE
                + ":3:1: the header is not valid YAML: a tab where YAML allows only spaces: indent"
                + " with spaces");
    assertThat(problems(null, "<#--\nchecks: [not_null\n-->"))
        .containsExactly(
            FILE + ":2:9: the header is not valid YAML: the [ opened here is never closed with ]");
    assertThat(problems(null, "<#--\nowner: o\ndescription: 'never closed\n-->"))
        .singleElement()
        .asString()
        .startsWith(FILE + ":3:14: the header is not valid YAML: found unexpected end of stream");
  }

  @Test
  void a_line_that_is_not_yaml_is_left_out_and_the_rest_still_reads() {
    List<TemplateProblem> problems = new ArrayList<>();
    TemplateHeader header =
        HeaderParser.parse(
            FILE,
            """
        <#--
        description: The ids that need a second look: repeated ones
        owner: data-platform
        depends_on: [stg_events,
        grain: one row per id: repeated
        materialized: table
        -->
        select 1""",
            Definition.Kind.STAGING,
            problems);

    assertThat(problems)
        .map(TemplateProblem::toString)
        .containsExactly(
            FILE
                + ":2:45: the header is not valid YAML: mapping values are not allowed here: a value that holds `: ` is"
                + " quoted, like description: 'a: b'",
            FILE + ":4:13: the header is not valid YAML: the [ opened here is never closed with ]",
            FILE
                + ":5:22: the header is not valid YAML: mapping values are not allowed here: a value that holds `: ` is"
                + " quoted, like description: 'a: b'");
    assertThat(header.field("owner")).contains("data-platform");
    assertThat(header.isEphemeral()).isFalse();
    assertThat(header.field("materialized")).contains("table");
  }

  @Test
  void the_header_is_a_mapping_of_plain_keys_and_values() {
    assertThat(problems(null, "<#--\n  just a sentence\n-->"))
        .containsExactly(FILE + ":2:3: expected `key: value` lines, got `just a sentence`");
    assertThat(problems(null, "<#--\n[description]: d\n-->"))
        .containsExactly(
            FILE + ":2:1: a header key is a name like description, got `[description]`");
    assertThat(feature("type: [DOUBLE]"))
        .containsExactly(
            FILE + ":5:7: `type:` is text, got a list: quote a value that starts with [ or {");
  }

  @Test
  void a_tag_that_would_build_an_object_is_refused() {
    assertThat(problems(null, "<#--\ngrain: !!java.net.URL \"file:/etc/passwd\"\n-->"))
        .containsExactly(
            FILE
                + ":2:8: the tag `tag:yaml.org,2002:java.net.URL` has no meaning in a header: remove it");
    assertThat(feature("type: DOUBLE\nparams:\n  cap: !custom 1"))
        .containsExactly(FILE + ":7:8: the tag `!custom` has no meaning in a header: remove it");
  }

  @Test
  void a_required_value_may_not_be_empty() {
    assertThat(problems(Definition.Kind.STAGING, "<#--\ndescription: d\nowner:\n-->"))
        .containsExactly(FILE + ":3:7: `owner:` is empty");
    assertThat(problems(Definition.Kind.STAGING, "<#--\ndescription: ''\nowner: o\n-->"))
        .containsExactly(FILE + ":2:14: `description:` is empty");
  }

  @Test
  void yaml_text_forms_read_as_the_same_values() {
    TemplateHeader header =
        read(
            """
        <#--
        description: >
          Folded over
          two lines.
        owner: 'growth: analytics'
        grain: "one row per customer"
        depends_on: [stg_events, event_audit]
        requires_columns:
          - event_id
          - customer_id
        # a comment line
        -->""");

    assertThat(header.description()).isEqualTo("Folded over two lines.");
    assertThat(header.field("owner")).contains("growth: analytics");
    assertThat(header.field("grain")).contains("one row per customer");
    assertThat(header.dependsOn()).containsExactly("stg_events", "event_audit");
    assertThat(header.requiredColumns()).containsExactly("event_id", "customer_id");
    assertThat(header.lineOf("requires_columns")).isEqualTo(8);
    assertThat(read("<#--\ndepends_on: stg_events,  event_audit\n-->").dependsOn())
        .containsExactly("stg_events", "event_audit");
  }

  @Test
  void depends_on_names_templates_once() {
    assertThat(problems(null, "<#--\ndepends_on: clean_events, Clean-Events, clean_events\n-->"))
        .containsExactly(
            FILE
                + ":2:27: depends_on names `Clean-Events`, which is not a template name (lower case letters, digits"
                + " and _)",
            FILE + ":2:41: depends_on lists `clean_events` twice");
    assertThat(problems(null, "<#--\ndepends_on: [clean_events, [a]]\n-->"))
        .containsExactly(FILE + ":2:28: `depends_on:` lists names, got `[a]`");
    assertThat(problems(null, "<#--\ndepends_on:\n  clean_events: yes\n-->"))
        .containsExactly(
            FILE + ":3:3: `depends_on:` lists names, like `depends_on: a, b`, got a mapping");
  }

  @Test
  void params_are_a_mapping_of_named_numbers_declared_once() {
    assertThat(problems(null, "<#--\nparams: 0.5\n-->"))
        .containsExactly(
            FILE
                + ":2:9: `params:` takes `name: number` lines, indented on the next lines, like `  weight: 0.5`");
    assertThat(
            problems(
                null,
                "<#--\nparams:\n  Weight: 1\n  cap: 1\n  cap: 2\n  floor: '0'\n  top: .inf\n-->"))
        .containsExactly(
            FILE + ":3:3: param `Weight` is not a valid name: use lower case letters, digits and _",
            FILE + ":5:3: param `cap` is declared twice (first on line 4)",
            FILE
                + ":6:10: param `floor` must be a number, got `'0'`: params are bound as :floor, and only numbers"
                + " are",
            FILE
                + ":7:8: param `top` must be a number, got `.inf`: params are bound as :top, and only numbers are");
  }

  @Test
  void a_check_is_one_of_three_forms() {
    assertThat(feature("type: DOUBLE\nchecks: not_null"))
        .containsExactly(
            FILE + ":6:9: `checks:` takes a list, indented on the next lines, like `  - not_null`");
    assertThat(
            feature(
                "type: DOUBLE\nchecks:\n  - range\n  - rang: [0, 1]\n  - [not_null]\n"
                    + "  - range: [0, 1]\n    accepted_values: [1]"))
        .containsExactly(
            FILE + ":7:5: `range` needs its values, like `- range: [0, 1]`",
            FILE
                + ":8:5: unknown check `rang` (did you mean `range`?): use not_null, range: [min, max] or"
                + " accepted_values: [a, b]",
            FILE
                + ":9:5: a check is one list item, got `[not_null]`: use not_null, range: [min, max] or"
                + " accepted_values: [a, b]",
            FILE
                + ":10:5: a check is one list item, got `range: [0, 1]\n    accepted_values: [1]`: use not_null,"
                + " range: [min, max] or accepted_values: [a, b]");
  }

  @Test
  void range_takes_two_ordered_numbers() {
    assertThat(
            feature(
                "type: DOUBLE\nchecks:\n  - range: 0..1\n  - range: [0]\n  - range: [0, '1']\n"
                    + "  - range: [2, 1]"))
        .containsExactly(
            FILE + ":7:12: expected a list in brackets, like [a, b], got `0..1`",
            FILE + ":8:12: range takes two bounds, like `- range: [0, 1]`",
            FILE + ":9:12: range bounds must be numbers, got [0, '1']",
            FILE + ":10:12: range [2, 1] is empty");
  }

  @Test
  void accepted_values_are_distinct_scalars_that_fit_the_type() {
    assertThat(
            feature(
                "type: VARCHAR\nchecks:\n  - accepted_values: []\n  - accepted_values: [web, [x]]"))
        .containsExactly(
            FILE + ":7:22: accepted_values needs at least one value",
            FILE + ":8:28: an accepted value is a number or a word, got `[x]`");
    assertThat(feature("type: VARCHAR\nchecks:\n  - accepted_values: [web, 'web']"))
        .containsExactly(FILE + ":7:22: accepted_values lists a value twice");
    assertThat(feature("type: INTEGER\nchecks:\n  - accepted_values: [1, two]"))
        .containsExactly(
            FILE + ":7:5: accepted value `two` is not a number, and this feature is INTEGER");
    assertThat(feature("type: BOOLEAN\nchecks:\n  - accepted_values: [true, yes]"))
        .containsExactly(
            FILE + ":7:5: accepted value `yes` is not true or false, and this feature is BOOLEAN");
    assertThat(feature("type: DOUBLE\nchecks:\n  - not_null\n  - not_null"))
        .containsExactly(FILE + ":8:5: `not_null` repeats a check of the same kind: keep one");
  }

  @Test
  void accepted_values_keep_the_text_written() {
    TemplateHeader header =
        read("<#--\ntype: VARCHAR\nchecks:\n  - accepted_values: [1.50, 'in-store', 2]\n-->");

    assertThat(header.checks())
        .containsExactly(new Check.AcceptedValues(List.of("1.50", "in-store", "2")));
    assertThat(read("<#--\ntype: decimal(10, 2)\nchecks:\n  - range: [0.5, 1e3]\n-->").checks())
        .containsExactly(new Check.Range(0.5, 1000));
  }

  @Test
  void a_pass_through_names_what_it_reads_on_an_ephemeral_model() {
    String staging = "<#--\ndescription: d\nowner: o\ndepends_on: stg_events, event_audit\n";
    assertThat(
            problems(
                Definition.Kind.STAGING,
                staging
                    + "materialized: ephemeral\npass_through: stg_events\npass_through_when_empty:"
                    + " event_audit\n-->"))
        .isEmpty();
    assertThat(
            problems(
                Definition.Kind.STAGING,
                staging + "materialized: ephemeral\npass_through: stg_events\n-->"))
        .containsExactly(
            FILE
                + ":6:15: pass_through needs pass_through_when_empty too: the model it passes"
                + " through, and the relation whose emptiness allows it");
    assertThat(
            problems(
                Definition.Kind.STAGING,
                staging
                    + "materialized: table\npass_through: clean_events\npass_through_when_empty:"
                    + " event_audit\n-->"))
        .containsExactly(
            FILE + ":6:15: pass_through is for a model with `materialized: ephemeral`",
            FILE + ":6:15: pass_through names `clean_events`, which is not in depends_on");
  }

  @Test
  void staging_keys_take_their_allowed_values() {
    assertThat(
            problems(
                Definition.Kind.STAGING,
                "<#--\ndescription: d\nowner: o\ndepends_on: stg_events\nmaterialized: view\nskip_when_empty: event_audit\n"
                    + "-->"))
        .containsExactly(
            FILE
                + ":5:15: materialized is `table` (a temporary table the run makes once) or `ephemeral` (inlined"
                + " where read), got `view`",
            FILE + ":6:18: skip_when_empty names `event_audit`, which is not in depends_on");
  }

  @Test
  void every_template_of_the_repository_reads_without_a_problem() {
    DefinitionSet.Inspection inspection = DefinitionSet.inspect(Project.sql());

    assertThat(inspection.problems()).isEmpty();
    assertThat(inspection.definitions().require("engagement_score").header().params())
        .containsEntry("recency_weight", new BigDecimal("0.30"))
        .hasSize(7);
  }
}
