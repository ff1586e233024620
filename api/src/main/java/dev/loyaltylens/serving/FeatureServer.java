package dev.loyaltylens.serving;

import dev.loyaltylens.serving.backend.ServingBackend;
import dev.loyaltylens.serving.backend.ServingException;
import dev.loyaltylens.serving.http.Endpoint;
import dev.loyaltylens.serving.http.Endpoint.Method;
import dev.loyaltylens.serving.http.HttpApp;
import dev.loyaltylens.serving.http.HttpServer;
import dev.loyaltylens.serving.lookups.LookupLog;
import dev.loyaltylens.serving.memory.InMemoryBackend;
import dev.loyaltylens.serving.metrics.ApiMetrics;
import dev.loyaltylens.serving.openapi.OpenApiDocument;
import dev.loyaltylens.serving.redis.RedisBackend;
import dev.loyaltylens.serving.routes.ApiKey;
import dev.loyaltylens.serving.routes.Failures;
import dev.loyaltylens.serving.routes.FeatureRoutes;
import dev.loyaltylens.serving.routes.ReportRoute;
import java.time.Duration;
import java.util.List;

/**
 * The running API: the HTTP routes of SPEC section 6 over a backend, by default the in-memory index
 * of the latest published version, reloaded in the background whenever a new version is published;
 * with {@link ServeSettings#online()}, an online store that holds the vectors instead.
 */
public final class FeatureServer implements AutoCloseable {

  private final ServingBackend backend;
  private final HttpServer http;
  private final LookupLog log;

  private FeatureServer(ServingBackend backend, HttpServer http, LookupLog log) {
    this.backend = backend;
    this.http = http;
    this.log = log;
  }

  /**
   * Starts listening at once over the backend the settings name: the in-memory index, or the online
   * store; {@code /health} answers 503 until a version is ready.
   */
  public static FeatureServer start(ServeSettings settings) {
    // The online store's client is only loaded when it is asked for: the default start does not pay
    // for it.
    ServingBackend backend =
        settings.online() == null
            ? new InMemoryBackend(settings.home(), settings.pollInterval())
            : new RedisBackend(settings.online(), settings.pollInterval());
    return start(settings, backend);
  }

  /** Starts listening at once over {@code backend}, which the server closes when it is closed. */
  public static FeatureServer start(ServeSettings settings, ServingBackend backend) {
    ApiMetrics metrics = new ApiMetrics(backend);
    LookupLog log = LookupLog.start(settings.home(), settings.lookupLog());
    FeatureRoutes routes = new FeatureRoutes(backend, metrics, log);
    ApiKey key = ApiKey.of(settings.apiKey());
    // The fixed /features/stats comes before /features/:customer_id, which would otherwise take
    // "stats" as an id.
    List<Endpoint> endpoints =
        List.of(
            new Endpoint(
                Method.GET, "/features/stats", "/features/stats", ApiKey.guard(key, routes::stats)),
            new Endpoint(
                Method.POST,
                "/features/batch",
                "/features/batch",
                ApiKey.guard(key, routes::batch)),
            new Endpoint(
                Method.GET,
                "/features/:customer_id",
                "/features/:customer_id",
                ApiKey.guard(key, routes::vector)),
            new Endpoint(Method.GET, "/versions", "/versions", ApiKey.guard(key, routes::versions)),
            new Endpoint(Method.GET, "/health", "/health", routes::health),
            new Endpoint(Method.GET, "/metrics", "/metrics", ApiKey.guard(key, routes::metrics)),
            new Endpoint(
                Method.GET,
                "/report",
                "/report",
                ApiKey.guard(key, new ReportRoute(backend, settings.home())::report)),
            new Endpoint(
                Method.GET,
                "/openapi.json",
                "/openapi.json",
                ApiKey.guard(key, OpenApiDocument.load())));
    HttpApp app =
        new HttpApp(
            endpoints, ApiKey.guard(key, routes::unmatched), Failures::reply, metrics::observe);
    // Loading starts first: DuckDB's native library takes a second or two to unpack, Jetty
    // meanwhile starts.
    backend.start();
    try {
      return new FeatureServer(
          backend,
          HttpServer.start(settings.host(), settings.port(), settings.threads(), app),
          log);
    } catch (IllegalStateException e) {
      backend.close();
      if (log != null) {
        log.close();
      }
      throw ServingException.serverError(e.getMessage(), e);
    }
  }

  /** The port actually bound. */
  public int port() {
    return http.port();
  }

  /** The version being served, or null before the first load. */
  public String servingVersion() {
    var current = backend.current();
    return current == null ? null : current.published().version();
  }

  /** Waits until a version is loaded; false when none is within the timeout. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (backend.current() == null) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  @Override
  public void close() {
    http.close();
    backend.close();
    if (log != null) {
      log.close();
    }
  }
}
