package dev.loyaltylens.serving.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the endpoint of a method and raw path: the first, in registration order, whose segments
 * equal the path's, a {@code :name} segment taking any one segment as a parameter.
 *
 * <p>The server's own router is not used: SparkJava matches every registered route against every
 * request and splits both paths each time, which was a third of all the memory a lookup allocated.
 */
final class Router {

  private final List<Route> routes = new ArrayList<>();

  /** A matched endpoint and the value of its path parameter, if it has one. */
  record Match(Endpoint endpoint, String paramName, String paramValue) {

    String param(String name) {
      return name.equals(paramName) ? paramValue : null;
    }
  }

  private record Route(Endpoint endpoint, String method, String[] segments) {}

  Router(List<Endpoint> endpoints) {
    for (Endpoint endpoint : endpoints) {
      String path = endpoint.path();
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("a route path starts with /: " + path);
      }
      String[] segments = path.substring(1).split("/", -1);
      long params = Arrays.stream(segments).filter(s -> s.startsWith(":")).count();
      if (params > 1) {
        throw new IllegalArgumentException("a route has at most one parameter: " + path);
      }
      routes.add(new Route(endpoint, endpoint.method().name(), segments));
    }
  }

  /** The endpoint for a request, or null when none fits. */
  Match match(String method, String rawPath) {
    if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      return null;
    }
    for (Route route : routes) {
      if (route.method().equals(method)) {
        Match match = match(route, rawPath);
        if (match != null) {
          return match;
        }
      }
    }
    return null;
  }

  private static Match match(Route route, String path) {
    String[] segments = route.segments();
    String paramName = null;
    String paramValue = null;
    int start = 1;
    for (int i = 0; i < segments.length; i++) {
      if (start > path.length()) {
        return null;
      }
      int end = path.indexOf('/', start);
      boolean last = i == segments.length - 1;
      if (end < 0) {
        end = path.length();
      } else if (last) {
        return null;
      }
      String segment = segments[i];
      if (segment.startsWith(":")) {
        paramName = segment.substring(1);
        paramValue = decode(path.substring(start, end));
      } else if (segment.length() != end - start || !path.startsWith(segment, start)) {
        return null;
      }
      start = end + 1;
    }
    return start > path.length() ? new Match(route.endpoint(), paramName, paramValue) : null;
  }

  /** Percent-decodes a path segment; a plus sign is itself in a path, unlike in a query. */
  private static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return segment;
    }
  }
}
