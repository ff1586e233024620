package dev.loyaltylens.serving.http;

/** What a handler sees of an HTTP request. */
public interface Call {

  /**
   * A path parameter of the route, URL-decoded, such as {@code customer_id} of {@code
   * /features/:customer_id}.
   */
  String pathParam(String name);

  /** A query parameter, or null when absent. */
  String query(String name);

  /** A request header, or null when absent. */
  String header(String name);

  /**
   * The request body, up to {@code limit} bytes: a longer body gives {@code limit + 1} bytes, so
   * the caller can refuse it. It is in memory already: the HTTP layer reads every body in full, up
   * to {@link HttpLimits#maxBodyBytes()}, before a handler runs, so a handler never waits for a
   * client.
   */
  byte[] body(int limit);

  String method();

  String path();
}
