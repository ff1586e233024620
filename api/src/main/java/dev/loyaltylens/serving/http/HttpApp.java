package dev.loyaltylens.serving.http;

import java.util.List;
import java.util.function.Function;

/**
 * Everything a server needs to answer: the routes in matching order, what answers a request no
 * route matches, how a failure becomes a reply, and who is told about every request.
 *
 * @param endpoints matched in this order, so a fixed path must come before a parameterised one it
 *     overlaps
 * @param failures the one place where exceptions become replies
 */
public record HttpApp(
    List<Endpoint> endpoints,
    Handler fallback,
    Function<RuntimeException, Reply> failures,
    Observer observer) {

  public HttpApp {
    endpoints = List.copyOf(endpoints);
  }

  /** Told the route label, status and duration of every request. */
  @FunctionalInterface
  public interface Observer {

    void observe(String label, int status, long nanos);
  }
}
