package dev.loyaltylens.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox: what a template may do, and errors that name the template file, line and column. */
class TemplateRendererTest {

  private static final String HEADER =
      "<#--\ndescription: a test feature\nowner: tests\nunit: things\ntype: INTEGER\n-->\n";

  @TempDir Path sql;

  private String render(String body) throws Exception {
    Files.createDirectories(sql.resolve("features"));
    Files.writeString(sql.resolve("features/probe.sql.ftl"), HEADER + body);
    DefinitionSet definitions = DefinitionSet.load(sql);
    return new TemplateRenderer(definitions).render(definitions.require("probe"));
  }

  @Test
  void an_undefined_value_is_an_error_at_its_line_and_column() {
    assertThatThrownBy(() -> render("select customer_id,\n    ${window_days} as probe\nfrom t"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("sql/features/probe.sql.ftl:8:7: `window_days` is not defined");
  }

  @Test
  void identifiers_and_numbers_may_be_interpolated() throws Exception {
    String sql = render("<#assign days = 30>\nselect customer_id, n_${days?c} as ${name}\nfrom t");
    assertThat(sql).isEqualTo("select customer_id, n_30 as probe\nfrom t");
  }

  @Test
  void an_interpolated_string_value_is_refused() {
    assertThatThrownBy(() -> render("<#assign who = \"o'brien\">\nselect '${who}' as probe"))
        .hasMessageStartingWith("sql/features/probe.sql.ftl:8:9:")
        .hasMessageContaining("may insert only an identifier or a number");
  }

  @Test
  void evaluating_strings_as_code_is_refused_before_rendering() {
    assertThatThrownBy(() -> render("select ${\"1\"?eval} as probe"))
        .hasMessageStartingWith("sql/features/probe.sql.ftl:7:13: ?eval is not allowed");
  }

  @Test
  void java_objects_cannot_be_made() {
    assertThatThrownBy(
            () ->
                render(
                    "<#assign x = \"freemarker.template.utility.Execute\"?new()>\nselect 1 as probe"))
        .hasMessageContaining("?new is not allowed");
  }

  @Test
  void including_a_file_outside_sql_is_refused() {
    assertThatThrownBy(() -> render("<#include \"../../etc/passwd\">\nselect 1 as probe"))
        .hasMessageStartingWith("sql/features/probe.sql.ftl:7:1:")
        .hasMessageContaining("reaches outside sql/");
  }

  @Test
  void a_syntax_error_names_the_template_line_and_column() {
    assertThatThrownBy(() -> render("select 1 as probe\n<#if true>\nfrom t"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("sql/features/probe.sql.ftl:");
  }

  @Test
  void rendered_sql_maps_back_to_template_lines() throws Exception {
    Files.createDirectories(sql.resolve("features"));
    Files.writeString(
        sql.resolve("features/probe.sql.ftl"),
        HEADER
            + "with a as (\n<#list [1, 2] as i>\n    select ${i?c} as n,\n</#list>\n)\nselect * from a");
    DefinitionSet definitions = DefinitionSet.load(sql);
    RenderedTemplate rendered =
        new TemplateRenderer(definitions).renderMapped(definitions.require("probe"));
    assertThat(rendered.sql())
        .isEqualTo("with a as (\n    select 1 as n,\n    select 2 as n,\n)\nselect * from a");
    assertThat(rendered.sourceOf(3, 5))
        .isEqualTo(new SourcePosition("sql/features/probe.sql.ftl", 9, 5));
    assertThat(rendered.sourceOf(5, 8))
        .isEqualTo(new SourcePosition("sql/features/probe.sql.ftl", 12, 8));
  }
}
