package dev.loyaltylens.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP calls to one service over the JDK's client, which keeps connections alive and reuses them. A
 * call is retried with backoff when the service answers 503 or the connection fails, and never
 * otherwise: a 4xx will not change by asking again, and a call that timed out may still be running
 * on the server.
 */
final class Transport {

  static final String API_KEY_HEADER = "X-API-Key";

  private final HttpClient http;
  private final String base;
  private final String apiKey;
  private final Duration requestTimeout;
  private final RetryPolicy retry;

  Transport(
      URI base,
      String apiKey,
      Duration connectTimeout,
      Duration requestTimeout,
      RetryPolicy retry) {
    String text = base.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.apiKey = apiKey;
    this.requestTimeout = requestTimeout;
    this.retry = retry;
    this.http =
        HttpClient.newBuilder()
            // Plain HTTP/1.1: the service speaks nothing else, and asking for HTTP/2 would add an
            // upgrade to every
            // new connection.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            // Answers complete on the client's selector thread rather than being handed to a pool
            // thread first: one
            // thread switch less per call, and the body handler used here never blocks.
            .executor(Runnable::run)
            .build();
  }

  /** An answer: its status and body, and the request as errors name it. */
  record Answer(int status, byte[] body, String request) {}

  boolean hasApiKey() {
    return apiKey != null;
  }

  String base() {
    return base;
  }

  /**
   * Sends a request, retrying it as the policy says.
   *
   * @param body the JSON body of a POST, or null for a GET
   * @param retryUnavailable whether a 503 is retried and then an error, rather than an answer to
   *     return
   */
  Answer send(String pathAndQuery, byte[] body, boolean retryUnavailable) {
    URI uri = URI.create(base + pathAndQuery);
    String request = (body == null ? "GET " : "POST ") + uri;
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "application/json");
    if (apiKey != null) {
      builder.header(API_KEY_HEADER, apiKey);
    }
    if (body == null) {
      builder.GET();
    } else {
      builder
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }
    HttpRequest httpRequest = builder.build();
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<byte[]> response =
            http.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 503 || !retryUnavailable) {
          return new Answer(response.statusCode(), response.body(), request);
        }
        if (attempt >= retry.attempts()) {
          throw new ServiceUnavailableException(
              String.format(
                  Locale.ROOT,
                  "%s answered 503 to %d attempts in %s: %s",
                  request,
                  attempt,
                  elapsed(start),
                  Answers.error(response.body())),
              503,
              null);
        }
      } catch (HttpTimeoutException e) {
        if (!(e instanceof HttpConnectTimeoutException)) {
          throw new ServiceUnavailableException(
              request
                  + " got no answer within the request timeout of "
                  + requestTimeout.toMillis()
                  + " ms (not retried: it may still be running); raise it with requestTimeout(...) if the service is"
                  + " busy",
              0,
              e);
        }
        if (attempt >= retry.attempts()) {
          throw unreachable(request, attempt, start, e);
        }
      } catch (IOException e) {
        if (attempt >= retry.attempts()) {
          throw unreachable(request, attempt, start, e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FeatureClientException("interrupted while waiting for " + request, 0, e);
      }
      pause(retry.backoffMillis(attempt), request);
    }
  }

  private ServiceUnavailableException unreachable(
      String request, int attempts, long start, IOException e) {
    return new ServiceUnavailableException(
        String.format(
            Locale.ROOT,
            "%s could not reach the service in %d attempts over %s (%s): is it running at %s?",
            request,
            attempts,
            elapsed(start),
            describe(e),
            base),
        0,
        e);
  }

  private static void pause(long millis, String request) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FeatureClientException("interrupted while waiting to retry " + request, 0, e);
    }
  }

  private static String elapsed(long start) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9);
  }

  /**
   * The failure and the first message in its causes: the JDK reports a refused connection without
   * one.
   */
  private static String describe(IOException e) {
    String message = null;
    for (Throwable cause = e; cause != null && message == null; cause = cause.getCause()) {
      message = cause.getMessage();
    }
    if (message == null && e instanceof ConnectException) {
      message = "connection refused";
    }
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
