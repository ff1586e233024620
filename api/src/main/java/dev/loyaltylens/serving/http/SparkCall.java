package dev.loyaltylens.serving.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import spark.Request;

/** A {@link Call} over a SparkJava request. */
final class SparkCall implements Call {

  private final Request request;
  private final Router.Match match;

  /** A call over a request that matched {@code match}, or no route when it is null. */
  SparkCall(Request request, Router.Match match) {
    this.request = request;
    this.match = match;
  }

  @Override
  public String pathParam(String name) {
    return match == null ? null : match.param(name);
  }

  /**
   * Read from the query string only: the servlet's parameters would also parse, and so consume, a
   * form body.
   */
  @Override
  public String query(String name) {
    String query = request.raw().getQueryString();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      if (decode(key).equals(name)) {
        return equals < 0 ? "" : decode(pair.substring(equals + 1));
      }
    }
    return null;
  }

  @Override
  public String header(String name) {
    return request.raw().getHeader(name);
  }

  /** The body {@link BufferedExchange} read in full before the request reached a route. */
  @Override
  public byte[] body(int limit) {
    byte[] body = (byte[]) request.raw().getAttribute(BufferedExchange.BODY);
    if (body == null) {
      return new byte[0];
    }
    return body.length > limit ? Arrays.copyOf(body, limit + 1) : body;
  }

  @Override
  public String method() {
    return request.requestMethod();
  }

  @Override
  public String path() {
    return request.raw().getRequestURI();
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // A malformed escape is kept as typed, so that validation names it in the error.
      return text;
    }
  }
}
