package dev.loyaltylens.serving.metrics;

import dev.loyaltylens.serving.backend.ServedVersion;
import dev.loyaltylens.serving.backend.ServingBackend;
import dev.loyaltylens.store.PublishedManifest;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The API's metrics, kept and written in the Prometheus text format by the Prometheus Java client:
 * requests per route and status, a latency histogram per route, and gauges of the version being
 * served, read from the backend when scraped.
 *
 * <p>Counting a request is on the hot path, so the client's data point of each route and status is
 * looked up once and kept: a request then costs a map read and two striped-counter adds, with no
 * lock and no allocation.
 */
public final class ApiMetrics {

  /** The text format's content type, {@code text/plain; version=0.0.4; charset=utf-8}. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  /**
   * Upper bounds of the latency buckets, in seconds: fine below a millisecond, where lookups are.
   */
  static final double[] BUCKETS = {
    0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
    2.5
  };

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Counter requests;
  private final Histogram durations;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();

  /**
   * A route's data points: its latency, and its count per status code, filled in as statuses occur.
   */
  private final class Route {
    final String label;
    final DistributionDataPoint latency;

    /**
     * Indexed by status code; an array rather than a map so that counting does not box the code.
     */
    final AtomicReferenceArray<CounterDataPoint> statuses = new AtomicReferenceArray<>(600);

    Route(String label) {
      this.label = label;
      this.latency = durations.labelValues(label);
    }

    CounterDataPoint status(int code) {
      CounterDataPoint count = statuses.get(code);
      if (count == null) {
        statuses.compareAndSet(code, null, requests.labelValues(label, Integer.toString(code)));
        count = statuses.get(code);
      }
      return count;
    }
  }

  public ApiMetrics(ServingBackend backend) {
    requests =
        Counter.builder()
            .name("loyaltylens_http_requests_total")
            .help("HTTP requests answered, by route and status.")
            .labelNames("route", "status")
            .withoutExemplars()
            .register(registry);
    durations =
        Histogram.builder()
            .name("loyaltylens_http_request_duration_seconds")
            .help("Time spent answering a request, by route.")
            .labelNames("route")
            .classicOnly()
            .classicUpperBounds(BUCKETS)
            .withoutExemplars()
            .register(registry);
    registry.register(
        () -> {
          InfoSnapshot.Builder info =
              InfoSnapshot.builder()
                  .name("loyaltylens_serving_version")
                  .help("The version being served, as labels; 1 once loaded.");
          ServedVersion current = backend.current();
          if (current != null) {
            info.dataPoint(
                InfoSnapshot.InfoDataPointSnapshot.builder()
                    .labels(
                        Labels.of(
                            "version",
                            current.published().version(),
                            "as_of",
                            current.published().asOf().toString()))
                    .build());
          }
          return info.build();
        });
    GaugeWithCallback.builder()
        .name("loyaltylens_serving_rows")
        .help("Customers in the version being served.")
        .callback(
            gauge -> {
              ServedVersion current = backend.current();
              gauge.call(current == null ? 0 : current.published().rowCount());
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("loyaltylens_serving_index_bytes")
        .help("Approximate heap held by the in-memory index.")
        .callback(
            gauge -> {
              ServedVersion current = backend.current();
              gauge.call(current == null ? 0 : current.heapBytes());
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("loyaltylens_published_versions")
        .help("Versions listed in the published manifest.")
        .callback(
            gauge -> {
              PublishedManifest manifest = backend.published();
              gauge.call(manifest == null ? 0 : manifest.versions().size());
            })
        .register(registry);
  }

  /** Counts one answered request; called by the HTTP layer for every request. */
  public void observe(String label, int status, long nanos) {
    Route route = routes.get(label);
    if (route == null) {
      route = routes.computeIfAbsent(label, Route::new);
    }
    route.status(status >= 100 && status < 600 ? status : 500).inc();
    route.latency.observe(nanos / 1e9);
  }

  /** Every metric in the Prometheus text format. */
  public byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("metrics could not be written", e);
    }
    return out.toByteArray();
  }
}
