package dev.loyaltylens.serving;

import dev.loyaltylens.serving.http.Endpoint;
import dev.loyaltylens.serving.http.Endpoint.Method;
import dev.loyaltylens.serving.http.Handler;
import dev.loyaltylens.serving.http.HttpApp;
import dev.loyaltylens.serving.http.HttpServer;
import dev.loyaltylens.serving.openapi.OpenApiDocument;
import java.time.Duration;
import java.util.List;

/**
 * The running API: the HTTP routes of SPEC section 6 over the index of the latest published version, reloaded
 * in the background whenever a new version is published.
 */
public final class FeatureServer implements AutoCloseable {

  private final ServingState state;
  private final SnapshotReader snapshots;
  private final ManifestWatcher watcher;
  private final HttpServer http;

  private FeatureServer(ServingState state, SnapshotReader snapshots, ManifestWatcher watcher, HttpServer http) {
    this.state = state;
    this.snapshots = snapshots;
    this.watcher = watcher;
    this.http = http;
  }

  /** Starts listening at once; {@code /health} answers 503 until the latest version is loaded. */
  public static FeatureServer start(ServeSettings settings) {
    ServingState state = new ServingState();
    SnapshotReader snapshots = new SnapshotReader(settings.home());
    RequestMetrics metrics = new RequestMetrics();
    FeatureApi api = new FeatureApi(settings.home(), state, snapshots, metrics);
    ApiKey key = ApiKey.of(settings.apiKey());
    // The fixed /features/stats comes before /features/:customer_id, which would otherwise take "stats" as an id.
    List<Endpoint> endpoints = List.of(
        new Endpoint(Method.GET, "/features/stats", "/features/stats", guarded(key, api::stats)),
        new Endpoint(Method.POST, "/features/batch", "/features/batch", guarded(key, api::batch)),
        new Endpoint(Method.GET, "/features/:customer_id", "/features/:customer_id", guarded(key, api::vector)),
        new Endpoint(Method.GET, "/versions", "/versions", guarded(key, api::versions)),
        new Endpoint(Method.GET, "/health", "/health", api::health),
        new Endpoint(Method.GET, "/metrics", "/metrics", guarded(key, api::metrics)),
        new Endpoint(Method.GET, "/openapi.json", "/openapi.json", guarded(key, OpenApiDocument.load())));
    HttpApp app = new HttpApp(endpoints, guarded(key, api::unmatched), Failures::reply, metrics::observe);
    ManifestWatcher watcher = new ManifestWatcher(settings.home(), state, snapshots, settings.pollInterval());
    // Loading starts first: DuckDB's native library takes a second or two to unpack, Jetty meanwhile starts.
    watcher.start();
    try {
      return new FeatureServer(
          state, snapshots, watcher, HttpServer.start(settings.host(), settings.port(), settings.threads(), app));
    } catch (IllegalStateException e) {
      watcher.close();
      snapshots.close();
      throw new ServingException(500, e.getMessage(), e);
    }
  }

  /** The port actually bound. */
  public int port() {
    return http.port();
  }

  /** The version being served, or null before the first load. */
  public String servingVersion() {
    FeatureIndex index = state.index();
    return index == null ? null : index.version().version();
  }

  /** Waits until a version is loaded; false when none is within the timeout. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (state.index() == null) {
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
    watcher.close();
    snapshots.close();
  }

  private static Handler guarded(ApiKey key, Handler handler) {
    if (key == null) {
      return handler;
    }
    return call -> {
      key.require(call.header(ApiKey.HEADER));
      return handler.handle(call);
    };
  }
}
