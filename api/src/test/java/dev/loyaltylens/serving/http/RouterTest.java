package dev.loyaltylens.serving.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyaltylens.serving.http.Endpoint.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Routing a method and raw path to the first endpoint that fits. */
class RouterTest {

  private static final Handler NONE = call -> Reply.json(200, new byte[0]);
  private final Router router =
      new Router(
          List.of(
              new Endpoint(Method.GET, "/features/stats", "stats", NONE),
              new Endpoint(Method.POST, "/features/batch", "batch", NONE),
              new Endpoint(Method.GET, "/features/:customer_id", "vector", NONE),
              new Endpoint(Method.GET, "/health", "health", NONE)));

  private String label(String method, String path) {
    Router.Match match = router.match(method, path);
    return match == null ? null : match.endpoint().label();
  }

  @Test
  void a_fixed_path_registered_first_wins_over_a_parameter() {
    assertThat(label("GET", "/features/stats")).isEqualTo("stats");
    assertThat(label("GET", "/features/statistics")).isEqualTo("vector");
  }

  @Test
  void the_parameter_is_one_percent_decoded_segment() {
    assertThat(router.match("GET", "/features/c-1_A").param("customer_id")).isEqualTo("c-1_A");
    assertThat(router.match("GET", "/features/a%20b").param("customer_id")).isEqualTo("a b");
    assertThat(router.match("GET", "/features/a+b").param("customer_id")).isEqualTo("a+b");
    assertThat(router.match("GET", "/features/").param("customer_id")).isEmpty();
  }

  @Test
  void method_segment_count_and_trailing_slash_must_fit() {
    assertThat(label("POST", "/features/stats")).isNull();
    assertThat(label("GET", "/features/batch")).isEqualTo("vector");
    assertThat(label("POST", "/features/batch")).isEqualTo("batch");
    assertThat(label("GET", "/features/c1/")).isNull();
    assertThat(label("GET", "/features/c1/x")).isNull();
    assertThat(label("GET", "/features")).isNull();
    assertThat(label("GET", "/health")).isEqualTo("health");
    assertThat(label("GET", "/healthz")).isNull();
    assertThat(label("GET", "/")).isNull();
  }

  @Test
  void a_route_with_two_parameters_is_refused() {
    assertThatThrownBy(() -> new Router(List.of(new Endpoint(Method.GET, "/a/:x/:y", "two", NONE))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
