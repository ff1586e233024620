package dev.loyaltylens.serving.http;

import java.time.Duration;

/**
 * What the HTTP layer allows a client, so that slow, stalled or greedy clients cost a connection
 * and a bounded amount of memory, never a thread that answers requests.
 *
 * @param maxBodyBytes the longest request body read; a longer declared one is refused with 413
 *     before it is read
 * @param bufferedBodyBytes request body bytes held in memory for all connections together; past it,
 *     503
 * @param bodyDeadline the time from the end of the headers to the last byte of the body; past it,
 *     408
 * @param minRequestBytesPerSecond the slowest a body may arrive, after a first second of grace;
 *     slower, 408
 * @param replyDeadline the time a client has to take its whole answer; past it, the connection is
 *     closed
 * @param stallTimeout the longest no byte may move while a request is read or answered
 * @param keepAliveTimeout the longest a connection may stay open between requests, or before its
 *     first one
 * @param maxHeaderBytes the request line and headers together; a longer request line is 414, longer
 *     headers 431
 */
record HttpLimits(
    int maxBodyBytes,
    long bufferedBodyBytes,
    Duration bodyDeadline,
    long minRequestBytesPerSecond,
    Duration replyDeadline,
    Duration stallTimeout,
    Duration keepAliveTimeout,
    int maxHeaderBytes) {

  /**
   * The API's limits. Its largest body, a batch of 1,000 ids, is at most 256 KiB and usually about
   * 40 KB, which a scoring job sends in milliseconds: the deadlines leave a slow network a hundred
   * times that, and waiting for a body or a reader costs no thread. A kept-alive connection
   * outlives the 60 s for which nginx keeps an idle upstream one: a server that closes first races
   * a request sent on it, which gets no answer, and a proxy or client that does not retry a POST
   * then fails it.
   */
  static final HttpLimits DEFAULTS =
      new HttpLimits(
          1 << 20,
          64L << 20,
          Duration.ofSeconds(10),
          8 * 1024,
          Duration.ofSeconds(10),
          Duration.ofSeconds(5),
          Duration.ofSeconds(120),
          8 * 1024);

  /**
   * The grace before the minimum request rate applies: a small body is never refused for its first
   * second.
   */
  static final Duration RATE_GRACE = Duration.ofSeconds(1);

  /** The fewest body bytes that must have arrived {@code elapsedNanos} after the headers. */
  long minimumBodyBytes(long elapsedNanos) {
    long counted = elapsedNanos - RATE_GRACE.toNanos();
    return counted <= 0 ? 0 : minRequestBytesPerSecond * (counted / 1_000_000) / 1_000;
  }
}
