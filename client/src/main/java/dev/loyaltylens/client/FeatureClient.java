package dev.loyaltylens.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of the LoyaltyLens serving API for scoring jobs. Thread-safe; build one per service and
 * share it, since it holds the kept-alive connections and the threads that fetch a batch's parts in
 * parallel.
 *
 * <pre>{@code
 * try (FeatureClient client = FeatureClient.builder("http://127.0.0.1:8080").build()) {
 *   Optional<FeatureVector> vector = client.vector("c42");
 *   BatchResult batch = client.batch(ids, VersionSelector.version("v20261124T000000Z-a2650efa"));
 * }
 * }</pre>
 *
 * <p>Every lookup goes through {@code POST /features/batch}, whose answer tells a customer the
 * version does not hold (an empty result) from a version that is not published (an error), which a
 * 404 alone cannot.
 */
public final class FeatureClient implements AutoCloseable {

  /** The most ids the service takes in one call. */
  public static final int SERVICE_BATCH_LIMIT = 1_000;

  private final Transport transport;
  private final int batchSize;
  private final ExecutorService parts;

  private FeatureClient(Builder builder) {
    this.transport =
        new Transport(
            builder.baseUrl,
            builder.apiKey,
            builder.connectTimeout,
            builder.requestTimeout,
            builder.retry);
    this.batchSize = builder.batchSize;
    AtomicInteger threads = new AtomicInteger();
    this.parts =
        Executors.newFixedThreadPool(
            builder.connections,
            task -> {
              Thread thread = new Thread(task, "loyaltylens-client-" + threads.incrementAndGet());
              // A job that forgets close() still exits.
              thread.setDaemon(true);
              return thread;
            });
  }

  /** A builder for the service at {@code baseUrl}, such as {@code http://127.0.0.1:8080}. */
  public static Builder builder(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    try {
      return new Builder(URI.create(baseUrl));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the base URL is http://HOST:PORT (such as http://127.0.0.1:8080), got `" + baseUrl + "`",
          e);
    }
  }

  public static Builder builder(URI baseUrl) {
    return new Builder(Objects.requireNonNull(baseUrl, "baseUrl"));
  }

  /**
   * The customer's vector in the latest version; empty when that version does not hold the
   * customer.
   */
  public Optional<FeatureVector> vector(String customerId) {
    return vector(customerId, VersionSelector.latest());
  }

  /**
   * The customer's vector in the version selected; empty when that version does not hold the
   * customer.
   */
  public Optional<FeatureVector> vector(String customerId, VersionSelector at) {
    requireId(customerId, 0);
    BatchResult result = part(List.of(customerId), at);
    return result.found().isEmpty() ? Optional.empty() : Optional.of(result.found().get(0));
  }

  /** The vectors of any number of customers from the latest version, all from the same one. */
  public BatchResult batch(List<String> customerIds) {
    return batch(customerIds, VersionSelector.latest());
  }

  /**
   * The vectors of any number of customers from the version selected. The ids are sent in parts of
   * at most the batch size, several at once, and the answer keeps their order. When the latest
   * version or an as-of instant is asked for, the first part fixes the version and the others ask
   * for it by id, so a publish during the call never mixes two versions.
   */
  public BatchResult batch(List<String> customerIds, VersionSelector at) {
    Objects.requireNonNull(at, "at");
    for (int i = 0; i < customerIds.size(); i++) {
      requireId(customerIds.get(i), i);
    }
    int count = customerIds.size();
    if (count <= batchSize) {
      return part(customerIds, at);
    }
    List<List<String>> slices = new ArrayList<>();
    for (int from = 0; from < count; from += batchSize) {
      slices.add(customerIds.subList(from, Math.min(count, from + batchSize)));
    }
    List<BatchResult> results = new ArrayList<>(slices.size());
    VersionSelector pinned = at;
    int first = 0;
    if (!at.isVersion()) {
      BatchResult head = part(slices.get(0), at);
      results.add(head);
      pinned = VersionSelector.version(head.version());
      first = 1;
    }
    List<Future<BatchResult>> pending = new ArrayList<>(slices.size());
    VersionSelector version = pinned;
    for (int i = first; i < slices.size(); i++) {
      List<String> slice = slices.get(i);
      pending.add(parts.submit(() -> part(slice, version)));
    }
    try {
      for (Future<BatchResult> future : pending) {
        results.add(future.get());
      }
    } catch (ExecutionException e) {
      pending.forEach(future -> future.cancel(true));
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new FeatureClientException(
          "a part of the batch failed: " + e.getCause(), 0, e.getCause());
    } catch (InterruptedException e) {
      pending.forEach(future -> future.cancel(true));
      Thread.currentThread().interrupt();
      throw new FeatureClientException(
          "interrupted while fetching a batch of " + count + " ids", 0, e);
    }
    List<FeatureVector> found = new ArrayList<>(count);
    List<String> notFound = new ArrayList<>();
    for (BatchResult result : results) {
      found.addAll(result.found());
      notFound.addAll(result.notFound());
    }
    BatchResult head = results.get(0);
    return new BatchResult(head.version(), head.asOf(), found, notFound);
  }

  /** The published versions, newest publish first. */
  public Versions versions() {
    Transport.Answer answer = transport.send("/versions", null, true);
    requireOk(answer, VersionSelector.latest());
    return Answers.versions(answer.body(), answer.request());
  }

  /** Whether the service is ready; asked once, without retries, as a probe would. */
  public Health health() {
    Transport.Answer answer = transport.send("/health", null, false);
    if (answer.status() != 200 && answer.status() != 503) {
      requireOk(answer, VersionSelector.latest());
    }
    return Answers.health(answer.status(), answer.body(), answer.request());
  }

  /**
   * Stops the threads that fetch parts of a batch; connections close when the JDK's client is
   * collected.
   */
  @Override
  public void close() {
    parts.shutdownNow();
  }

  private BatchResult part(List<String> ids, VersionSelector at) {
    Transport.Answer answer =
        transport.send("/features/batch" + at.query(), Answers.idList(ids), true);
    requireOk(answer, at);
    return Answers.batch(answer.body(), answer.request());
  }

  private void requireOk(Transport.Answer answer, VersionSelector at) {
    int status = answer.status();
    if (status == 200) {
      return;
    }
    String message = answer.request() + " answered " + status + ": " + Answers.error(answer.body());
    switch (status) {
      case 400, 413 -> throw new RequestRejectedException(message, status);
      case 401 ->
          throw new ApiKeyRejectedException(
              message
                  + (transport.hasApiKey()
                      ? " (the key this client sends is not the service's)"
                      : " (this client sends no key: set it with FeatureClient.Builder.apiKey)"));
      case 404 -> {
        if (!at.isLatest()) {
          throw new VersionNotFoundException(message);
        }
        throw new UnexpectedAnswerException(
            message + " (is " + transport.base() + " the base URL of a LoyaltyLens API?)",
            status,
            null);
      }
      default -> throw new UnexpectedAnswerException(message, status, null);
    }
  }

  private static void requireId(String id, int position) {
    if (id == null) {
      throw new IllegalArgumentException("customer id at position " + position + " is null");
    }
  }

  /** Settings of a client; every one has a default fit for a batch scoring job. */
  public static final class Builder {

    private final URI baseUrl;
    private String apiKey;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private RetryPolicy retry = new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(5));
    private int connections = 8;
    private int batchSize = SERVICE_BATCH_LIMIT;

    private Builder(URI baseUrl) {
      String scheme = baseUrl.getScheme();
      if (scheme == null
          || !(scheme.equals("http") || scheme.equals("https"))
          || baseUrl.getHost() == null) {
        throw new IllegalArgumentException(
            "the base URL is http://HOST:PORT (such as http://127.0.0.1:8080), got `"
                + baseUrl
                + "`");
      }
      this.baseUrl = baseUrl;
    }

    /** The key sent as {@code X-API-Key} on every call; null or empty sends none. Default: none. */
    public Builder apiKey(String key) {
      this.apiKey = key == null || key.isEmpty() ? null : key;
      return this;
    }

    /** How long opening a connection may take before the attempt counts as failed. Default: 2 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * How long one call may wait for its answer; a call that times out is not retried. Default: 10
     * s.
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * Tries of a call on a 503 or a failed connection, the first included (1 turns retries off),
     * and the wait between them, doubling from {@code initialBackoff} up to {@code maxBackoff}.
     * Default: 6 tries, 200 ms up to 5 s, about 6 s in all: enough for a service that is starting.
     */
    public Builder retries(int attempts, Duration initialBackoff, Duration maxBackoff) {
      this.retry = new RetryPolicy(attempts, initialBackoff, maxBackoff);
      return this;
    }

    /**
     * The most calls of one batch under way at once, and so the connections it keeps. Default: 8.
     */
    public Builder connections(int connections) {
      if (connections < 1) {
        throw new IllegalArgumentException("connections must be at least 1, got " + connections);
      }
      this.connections = connections;
      return this;
    }

    /**
     * The most ids in one call; the service takes at most {@value #SERVICE_BATCH_LIMIT}. Default:
     * 1,000.
     */
    public Builder batchSize(int ids) {
      if (ids < 1 || ids > SERVICE_BATCH_LIMIT) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "batchSize is 1 to %,d, the service's limit; got %,d",
                SERVICE_BATCH_LIMIT,
                ids));
      }
      this.batchSize = ids;
      return this;
    }

    public FeatureClient build() {
      return new FeatureClient(this);
    }

    private static Duration positive(Duration duration, String name) {
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + duration);
      }
      return duration;
    }
  }
}
