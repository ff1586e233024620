package dev.loyaltylens.serving.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletRequest;
import javax.servlet.ServletRequestWrapper;
import spark.Request;

/** A {@link Call} over a SparkJava request. */
final class SparkCall implements Call {

  /** The most of a refused body that is read and dropped before answering. */
  private static final long DRAINED = 4L << 20;

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

  /** Read from the query string only: the servlet's parameters would also parse, and so consume, a form body. */
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

  @Override
  public byte[] body(int limit) {
    // Spark's own body() first copies the whole body into memory, however large: read the servlet's stream.
    ServletRequest raw = request.raw();
    while (raw instanceof ServletRequestWrapper wrapper) {
      raw = wrapper.getRequest();
    }
    try {
      InputStream in = raw.getInputStream();
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        // Read what is left of a moderately large body, so that the client reads the refusal instead of a reset.
        in.skipNBytes(Math.min(DRAINED, Math.max(0, request.raw().getContentLengthLong() - body.length)));
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the request body: " + e.getMessage(), e);
    }
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
