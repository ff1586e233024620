package dev.loyaltylens.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The generator's settings: the defaults of SPEC section 2 and the options it refuses. */
class GeneratorSettingsTest {

  private static final Instant AS_OF = Instant.parse("2026-04-28T00:00:00Z");

  @Test
  void defaults_are_those_of_the_spec() {
    assertThat(GeneratorSettings.defaults(AS_OF))
        .isEqualTo(new GeneratorSettings(50_000, 5_000, 180, 42, AS_OF));
  }

  @Test
  void rejects_events_that_are_not_positive() {
    assertThatThrownBy(() -> new GeneratorSettings(0, 1, 180, 42, AS_OF))
        .isInstanceOf(GenerationException.class)
        .hasMessageStartingWith("--events must be positive");
    assertThatThrownBy(() -> new GeneratorSettings(-5, 1, 180, 42, AS_OF))
        .hasMessageStartingWith("--events must be positive");
  }

  @Test
  void rejects_customers_that_are_not_positive() {
    assertThatThrownBy(() -> new GeneratorSettings(100, 0, 180, 42, AS_OF))
        .isInstanceOf(GenerationException.class)
        .hasMessageStartingWith("--customers must be positive");
  }

  @Test
  void rejects_more_customers_than_events() {
    assertThatThrownBy(() -> new GeneratorSettings(100, 101, 180, 42, AS_OF))
        .isInstanceOf(GenerationException.class)
        .hasMessageContaining("--customers (101) must not exceed --events (100)")
        .hasMessageContaining("lower --customers or raise --events");
  }

  @Test
  void rejects_days_outside_1_to_100_years() {
    assertThatThrownBy(() -> new GeneratorSettings(100, 10, 0, 42, AS_OF))
        .isInstanceOf(GenerationException.class)
        .hasMessageStartingWith("--days must be between 1 and 36,500 (got 0)");
    assertThatThrownBy(() -> new GeneratorSettings(100, 10, 36_501, 42, AS_OF))
        .hasMessageStartingWith("--days");
  }

  @Test
  void rejects_a_missing_or_far_fetched_as_of() {
    assertThatThrownBy(() -> new GeneratorSettings(100, 10, 180, 42, null))
        .isInstanceOf(GenerationException.class)
        .hasMessageStartingWith("--as-of is missing");
    assertThatThrownBy(
            () -> new GeneratorSettings(100, 10, 180, 42, Instant.parse("1850-01-01T00:00:00Z")))
        .hasMessageStartingWith("--as-of must fall between");
  }

  @Test
  void rejects_more_events_than_ids_can_keep_unique() {
    assertThatThrownBy(
            () -> new GeneratorSettings(GeneratorSettings.MAX_EVENTS + 1, 10, 180, 42, AS_OF))
        .isInstanceOf(GenerationException.class)
        .hasMessageStartingWith("--events must be at most 10,000,000,000");
  }

  @Test
  void messages_are_one_line() {
    assertThatThrownBy(() -> new GeneratorSettings(100, 101, 180, 42, AS_OF))
        .hasMessageNotContaining("\n");
  }
}
