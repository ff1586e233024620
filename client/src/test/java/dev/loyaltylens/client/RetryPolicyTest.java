package dev.loyaltylens.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The waits between tries: doubling, capped, and jittered between half and all of the step. */
class RetryPolicyTest {

  private final RetryPolicy policy =
      new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(5));

  @Test
  void waits_double_from_the_initial_backoff_up_to_the_maximum() {
    for (int i = 0; i < 200; i++) {
      assertThat(policy.backoffMillis(1)).isBetween(100L, 200L);
      assertThat(policy.backoffMillis(2)).isBetween(200L, 400L);
      assertThat(policy.backoffMillis(5)).isBetween(1_600L, 3_200L);
      assertThat(policy.backoffMillis(6)).isBetween(2_500L, 5_000L);
      assertThat(policy.backoffMillis(60)).isBetween(2_500L, 5_000L);
    }
  }

  @Test
  void refuses_no_tries_and_a_maximum_below_the_initial_wait() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least once");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("up to a larger maximum");
  }
}
