package dev.loyaltylens.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyaltylens.engine.duckdb.DuckDbEngine;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The default jar holds DuckDB alone: another engine comes with its own jar. */
class EnginesTest {

  @Test
  void duckdb_is_built_in() {
    try (Engine engine = Engines.create(EngineOptions.DUCKDB)) {
      assertThat(engine).isInstanceOf(DuckDbEngine.class);
      assertThat(engine.dialect().library()).isEqualTo("macros/duckdb.ftl");
    }
  }

  @Test
  void an_engine_missing_from_the_class_path_is_named_with_the_ones_there() {
    assertThat(Engines.names()).containsExactly("duckdb");
    assertThatThrownBy(() -> Engines.create(new EngineOptions("spark", Optional.of("local[2]"))))
        .isInstanceOf(UnknownEngineException.class)
        .hasMessageStartingWith("engine `spark` is not on the class path (engines here: duckdb)");
  }
}
