package dev.loyaltylens.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyaltylens.testing.Project;
import freemarker.core.Macro;
import freemarker.template.Configuration;
import freemarker.template.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The macro library: one macro per concept, implemented for every dialect, picked when a template
 * renders.
 */
class MacroLibraryTest {

  private static final String HEADER =
      "<#--\ndescription: a test feature\nowner: tests\nunit: things\ntype: INTEGER\n-->\n";

  @TempDir Path sql;

  @Test
  void every_dialect_implements_every_macro_with_the_same_parameters() throws Exception {
    List<SqlDialect> dialects = SqlDialect.all(Project.sql());
    assertThat(dialects).extracting(SqlDialect::name).contains("duckdb", "spark");
    Map<String, List<String>> reference = macros(SqlDialect.DUCKDB);
    assertThat(reference)
        .containsKeys("events", "days", "epoch_micros", "double_to_decimal", "regex_contains");
    for (SqlDialect dialect : dialects) {
      assertThat(macros(dialect)).as(dialect.library()).isEqualTo(reference);
    }
  }

  @Test
  void a_template_gets_the_library_of_the_dialect_it_is_rendered_for() throws Exception {
    DefinitionSet definitions = probe("select <@sql.days \":lookback_days\"/> as probe");
    assertThat(new TemplateRenderer(definitions).render(definitions.require("probe")))
        .isEqualTo("select to_days(cast(:lookback_days as integer)) as probe");
    assertThat(
            new TemplateRenderer(definitions, new SqlDialect("spark"))
                .render(definitions.require("probe")))
        .isEqualTo("select make_dt_interval(cast(:lookback_days as integer)) as probe");
  }

  @Test
  void a_regular_expression_becomes_each_engines_string_literal() throws Exception {
    DefinitionSet definitions =
        probe("select <@sql.regex_contains \"customer_id\" \"^a'\\\\d\"/> as probe");
    assertThat(new TemplateRenderer(definitions).render(definitions.require("probe")))
        .isEqualTo("select regexp_matches(customer_id, '^a''\\d') as probe");
    assertThat(
            new TemplateRenderer(definitions, new SqlDialect("spark"))
                .render(definitions.require("probe")))
        .isEqualTo("select regexp_like(customer_id, '^a\\'\\\\d') as probe");
  }

  @Test
  void what_a_macro_writes_is_placed_at_the_template_line_that_called_it() throws Exception {
    DefinitionSet definitions =
        probe("select customer_id,\n    <@sql.epoch_micros \"last_event_at\"/> as probe\nfrom t");
    RenderedTemplate rendered =
        new TemplateRenderer(definitions, new SqlDialect("spark"))
            .renderMapped(definitions.require("probe"));
    int macroOutput = rendered.sql().indexOf("unix_micros");
    assertThat(rendered.sourceOf(macroOutput + 4))
        .isEqualTo(new SourcePosition("sql/features/probe.sql.ftl", 8, 5));
    assertThat(rendered.sourceOf(rendered.sql().indexOf(" as probe") + 1))
        .isEqualTo(new SourcePosition("sql/features/probe.sql.ftl", 8, 42));
  }

  @Test
  void the_decimal_of_a_double_is_the_decimal_of_its_shortest_text_on_every_path()
      throws Exception {
    DefinitionSet definitions =
        probe("select amount, <@sql.double_to_decimal \"amount\"/> as probe from amounts");
    String converted = new TemplateRenderer(definitions).render(definitions.require("probe"));
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("select setseed(0.25)");
      // whole cents (the shortcut) on both sides of 900,720, where DuckDB's own cast starts to
      // differ, and up to 1e13, where the shortcut ends; amounts with more decimals; the edges
      statement.execute(
          "create table amounts as select round(random() * pow(10, random() * 13), 2) as amount"
              + " from range(100000) union all select random() * pow(10, random() * 20 - 8)"
              + " from range(100000) union all select -round(random() * 1e9, 2) from range(1000)"
              + " union all select * from (values (0.0::double), (-0.0), (0.005), (0.015), (1.005),"
              + " (2.675), (0.1 + 0.2), (626210059.93), (626210059.9318151), (9999999999999.99),"
              + " (12345678901234.56), (1e16), (5e-324)) t(amount)");
      try (ResultSet rs =
          statement.executeQuery(
              "select count(*), count(*) filter (where probe is distinct from"
                  + " cast(cast(amount as varchar) as decimal(38, 10))),"
                  + " count(*) filter (where try_cast(try_cast(amount as decimal(15, 2)) as double)"
                  + " = amount) from ("
                  + converted
                  + ")")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(201_013);
        assertThat(rs.getLong(2)).as("values converted to another decimal").isZero();
        assertThat(rs.getLong(3)).as("values through the shortcut").isGreaterThan(100_000);
      }
    }
  }

  @Test
  void a_dialect_without_a_library_is_named_with_the_file_to_add() throws Exception {
    DefinitionSet definitions = probe("select 1 as probe");
    assertThatThrownBy(
            () ->
                new TemplateRenderer(definitions, new SqlDialect("trino"))
                    .render(definitions.require("probe")))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("sql/macros/trino.ftl does not exist");
  }

  @Test
  void templates_without_macros_render_in_a_folder_without_a_library() throws Exception {
    Files.createDirectories(sql.resolve("features"));
    Files.writeString(sql.resolve("features/probe.sql.ftl"), HEADER + "select 1 as probe");
    DefinitionSet definitions = DefinitionSet.load(sql);
    assertThat(new TemplateRenderer(definitions).render(definitions.require("probe")))
        .isEqualTo("select 1 as probe");
  }

  private DefinitionSet probe(String body) throws Exception {
    Files.createDirectories(sql.resolve("features"));
    Files.createDirectories(sql.resolve("macros"));
    for (SqlDialect dialect : SqlDialect.all(Project.sql())) {
      Files.copy(Project.sql().resolve(dialect.library()), sql.resolve(dialect.library()));
    }
    Files.writeString(sql.resolve("features/probe.sql.ftl"), HEADER + body);
    return DefinitionSet.load(sql);
  }

  /** The macros a library defines, each with its parameter names in order. */
  private static Map<String, List<String>> macros(SqlDialect dialect) throws Exception {
    Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
    configuration.setDirectoryForTemplateLoading(Project.sql().toFile());
    configuration.setOutputFormat(SqlOutputFormat.INSTANCE);
    Template library = configuration.getTemplate(dialect.library());
    Map<String, List<String>> macros = new LinkedHashMap<>();
    for (Object value : library.getMacros().values()) {
      Macro macro = (Macro) value;
      macros.put(macro.getName(), List.of(macro.getArgumentNames()));
    }
    return macros;
  }
}
