package dev.loyaltylens.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyaltylens.engine.Engine;
import dev.loyaltylens.engine.EngineOptions;
import dev.loyaltylens.engine.Engines;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * With this module's jar on the class path, a run can choose Spark by name, on the master it names.
 */
class EngineDiscoveryTest {

  @Test
  void spark_is_offered_when_its_jar_is_on_the_class_path() {
    assertThat(Engines.names()).containsExactly("duckdb", "spark");
    try (Engine engine = Engines.create(new EngineOptions("spark", Optional.of("local[1]")))) {
      assertThat(engine).isInstanceOf(SparkEngine.class);
      assertThat(((SparkEngine) engine).master()).isEqualTo("local[1]");
      assertThat(engine.dialect().library()).isEqualTo("macros/spark.ftl");
    }
  }
}
