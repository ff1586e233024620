package dev.loyaltylens.compute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.definitions.TemplateRenderer;
import dev.loyaltylens.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL hash covers the templates in every engine's dialect, so it names the logic, not the
 * engine.
 */
class RenderedLogicTest {

  @TempDir Path dir;

  @Test
  void covers_every_template_in_every_dialect() {
    DefinitionSet definitions = DefinitionSet.load(Project.sql());
    Map<String, String> rendered = RenderedLogic.of(definitions);
    assertThat(rendered)
        .containsKeys("duckdb/recency_days", "spark/recency_days", "spark/stg_events");
    assertThat(rendered).hasSize(2 * definitions.ordered().size());
  }

  @Test
  void a_change_to_a_macro_a_template_calls_changes_the_hash() throws Exception {
    Path sql = copy(Project.sql(), dir.resolve("sql"));
    Files.writeString(
        sql.resolve("features/customer_bucket.sql.ftl"),
        "<#--\ndescription: a bucket\nowner: tests\n"
            + "unit: bucket\ntype: BIGINT\ndepends_on: customer_activity\n-->\n"
            + "select customer_id, <@sql.hash64 \"customer_id\"/> % 16 as customer_bucket from customer_activity");
    String before = FeatureComputation.sqlHash(RenderedLogic.of(DefinitionSet.load(sql)), Map.of());
    Path spark = sql.resolve("macros/spark.ftl");
    Files.writeString(spark, Files.readString(spark).replace("xxhash64(", "hash("));
    String after = FeatureComputation.sqlHash(RenderedLogic.of(DefinitionSet.load(sql)), Map.of());
    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void without_other_dialects_the_hash_is_the_duckdb_rendering_by_name() throws Exception {
    Path sql = copy(Project.sql(), dir.resolve("sql"));
    Files.delete(sql.resolve("macros/spark.ftl"));
    DefinitionSet definitions = DefinitionSet.load(sql);
    TemplateRenderer renderer = new TemplateRenderer(definitions);
    Map<String, String> duckdb = new LinkedHashMap<>();
    definitions
        .ordered()
        .forEach(definition -> duckdb.put(definition.name(), renderer.render(definition)));
    assertThat(RenderedLogic.of(definitions)).isEqualTo(duckdb);
  }

  private static Path copy(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path path : walk.sorted().toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
    return to;
  }
}
