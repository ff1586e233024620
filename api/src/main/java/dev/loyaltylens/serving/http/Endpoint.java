package dev.loyaltylens.serving.http;

/**
 * A route: a method, a path whose {@code :name} segments are parameters, and its handler.
 *
 * @param label the route as metrics name it, the same for every customer id
 */
public record Endpoint(Method method, String path, String label, Handler handler) {

  /** The HTTP methods the API answers. */
  public enum Method {
    GET,
    POST
  }
}
